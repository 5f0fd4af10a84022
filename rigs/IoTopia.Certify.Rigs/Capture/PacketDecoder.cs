using System.Buffers.Binary;
using System.Net;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Decodes just enough of a captured frame for flows: link layer (Ethernet with VLAN tags, Linux
/// cooked v1/v2, raw IP, BSD loopback), IPv4/IPv6, TCP/UDP ports, and DNS answers. Every length is
/// checked against the bytes present; it never throws on packet data, it says what was malformed.
/// </summary>
public static class PacketDecoder
{
    public const int Tcp = 6;
    public const int Udp = 17;
    private const int DnsPort = 53;
    private const int MdnsPort = 5353;
    private const int MaxBootp = 1500;

    public static CapturedPacket Decode(uint linkType, ReadOnlySpan<byte> frame, DateTimeOffset time, int wireLength, CaptureTarget? target = null)
    {
        var packet = new CapturedPacket { Time = time, Length = Math.Max(wireLength, frame.Length) };
        try
        {
            packet = DecodeLink(linkType, frame, packet);
        }
        catch (Exception e) // hostile input: whatever slipped past the length checks is counted, never thrown
        {
            packet = packet with { Malformed = $"undecodable: {e.GetType().Name}" };
        }
        return target is null ? packet : packet with { IsDut = target.IsDut(packet.Source, packet.Destination) };
    }

    private static CapturedPacket DecodeLink(uint linkType, ReadOnlySpan<byte> frame, CapturedPacket packet)
    {
        switch (linkType)
        {
            case 1: // Ethernet
            {
                if (frame.Length < 14)
                    return packet with { Malformed = "truncated Ethernet header" };
                var offset = 12;
                var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                for (var tags = 0; etherType is 0x8100 or 0x88a8 && tags < 2; tags++)
                {
                    offset += 4;
                    if (frame.Length < offset + 2)
                        return packet with { Malformed = "truncated VLAN tag" };
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                }
                return DecodeEtherType(etherType, frame[(offset + 2)..], packet);
            }
            case 113: // Linux cooked v1
                return frame.Length < 16
                    ? packet with { Malformed = "truncated Linux cooked header" }
                    : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame[16..], packet);
            case 276: // Linux cooked v2
                return frame.Length < 20
                    ? packet with { Malformed = "truncated Linux cooked v2 header" }
                    : DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[20..], packet);
            case 101 or 12 or 228 or 229: // raw IP
                return DecodeIp(frame, packet);
            case 0 or 108: // BSD loopback: a 4-byte address family, host or network order
            {
                if (frame.Length < 4)
                    return packet with { Malformed = "truncated loopback header" };
                var family = Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(frame), BinaryPrimitives.ReadUInt32BigEndian(frame));
                return family is 2 or 24 or 28 or 30 ? DecodeIp(frame[4..], packet) : packet;
            }
            default:
                return packet;
        }
    }

    private static CapturedPacket DecodeEtherType(ushort etherType, ReadOnlySpan<byte> payload, CapturedPacket packet) =>
        etherType is 0x0800 or 0x86dd ? DecodeIp(payload, packet) : packet;

    private static CapturedPacket DecodeIp(ReadOnlySpan<byte> data, CapturedPacket packet)
    {
        if (data.Length < 1)
            return packet with { Malformed = "truncated IP header" };
        return (data[0] >> 4) switch
        {
            4 => DecodeIPv4(data, packet),
            6 => DecodeIPv6(data, packet),
            _ => packet with { Malformed = $"IP version {data[0] >> 4}" },
        };
    }

    private static CapturedPacket DecodeIPv4(ReadOnlySpan<byte> data, CapturedPacket packet)
    {
        if (data.Length < 20)
            return packet with { Malformed = "truncated IPv4 header" };
        var headerLength = (data[0] & 0x0f) * 4;
        packet = packet with
        {
            Source = new IPAddress(data.Slice(12, 4)),
            Destination = new IPAddress(data.Slice(16, 4)),
            Protocol = data[9],
        };
        if (headerLength < 20 || headerLength > data.Length)
            return packet with { Malformed = $"bad IPv4 header length {headerLength}" };
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (totalLength < headerLength)
            return packet with { Malformed = $"bad IPv4 total length {totalLength}" };
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(data[6..]) & 0x1fff;
        if (fragmentOffset != 0)
            return packet; // a later fragment has no transport header
        return DecodeTransport(data[9], data[headerLength..Math.Min(totalLength, data.Length)], packet);
    }

    private static CapturedPacket DecodeIPv6(ReadOnlySpan<byte> data, CapturedPacket packet)
    {
        if (data.Length < 40)
            return packet with { Malformed = "truncated IPv6 header" };
        int next = data[6];
        packet = packet with { Source = new IPAddress(data.Slice(8, 16)), Destination = new IPAddress(data.Slice(24, 16)) };
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var rest = data[40..Math.Min(40 + payloadLength, data.Length)];
        for (var hops = 0; next is 0 or 43 or 44 or 60 && hops < 8; hops++)
        {
            if (rest.Length < 8)
                return packet with { Protocol = next, Malformed = "truncated IPv6 extension header" };
            if (next == 44 && (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) & 0xfff8) != 0)
                return packet with { Protocol = rest[0] }; // a later fragment
            var length = next == 44 ? 8 : (rest[1] + 1) * 8;
            if (length > rest.Length)
                return packet with { Protocol = next, Malformed = "truncated IPv6 extension header" };
            next = rest[0];
            rest = rest[length..];
        }
        return DecodeTransport(next, rest, packet with { Protocol = next });
    }

    private static CapturedPacket DecodeTransport(int protocol, ReadOnlySpan<byte> segment, CapturedPacket packet)
    {
        if (protocol is not (Tcp or Udp))
            return packet;
        if (segment.Length < 4)
            return packet with { Malformed = protocol == Tcp ? "truncated TCP header" : "truncated UDP header" };
        packet = packet with
        {
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
        };
        if (protocol == Tcp)
            return segment.Length < 20 ? packet with { Malformed = "truncated TCP header" } : packet;
        if (segment.Length < 8)
            return packet with { Malformed = "truncated UDP header" };
        if (packet.SourcePort is 67 or 68 || packet.DestinationPort is 67 or 68)
            return packet with { Bootp = segment[8..Math.Min(segment.Length, 8 + MaxBootp)].ToArray() };
        if (packet.SourcePort is not (DnsPort or MdnsPort))
            return packet;
        var dns = DnsAnswerReader.Read(segment[8..]);
        return packet with { DnsAnswers = dns.Bindings, Malformed = dns.Problem is null ? null : $"DNS: {dns.Problem}" };
    }
}
