using System.Buffers.Binary;
using System.Net;

namespace IoTopia.Certify.Wire.Tests.Support;

/// <summary>Hand-built frames for decoder and writer tests, and for hostile packets on the wire.</summary>
public static class FrameBytes
{
    public static byte[] EthernetUdp(string source, int sourcePort, string destination, int destinationPort, byte[] payload) =>
        Ethernet(0x0800, IPv4(17, source, destination, Udp(sourcePort, destinationPort, payload)));

    public static byte[] EthernetTcp(string source, int sourcePort, string destination, int destinationPort) =>
        Ethernet(0x0800, IPv4(6, source, destination, Tcp(sourcePort, destinationPort)));

    public static byte[] Ethernet(ushort etherType, byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        // MAC addresses 00:00:00:00:00:00, as on lo, so an injected frame is taken as addressed to this host
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }

    public static byte[] LinuxCooked(ushort etherType, byte[] payload)
    {
        var frame = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 772); // ARPHRD_LOOPBACK
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), etherType);
        payload.CopyTo(frame, 16);
        return frame;
    }

    public static byte[] IPv4(byte protocol, string source, string destination, byte[] payload, int? totalLength = null)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(totalLength ?? packet.Length));
        packet[8] = 64;
        packet[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20)));
        payload.CopyTo(packet, 20);
        return packet;
    }

    public static byte[] Udp(int sourcePort, int destinationPort, byte[] payload)
    {
        var segment = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(4), (ushort)segment.Length);
        payload.CopyTo(segment, 8);
        return segment;
    }

    public static byte[] Tcp(int sourcePort, int destinationPort)
    {
        var segment = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(segment, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)destinationPort);
        segment[12] = 0x50;
        segment[13] = 0x02; // SYN
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 65535);
        return segment;
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
