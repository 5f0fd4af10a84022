using System.Buffers.Binary;
using System.Net;
using IoTopia.Certify.Wire.Dhcp;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// The DHCPACK to a DHCPINFORM (RFC 2131 §4.3.5): no address lease (yiaddr 0), the request's xid,
/// ciaddr, giaddr and chaddr; options server id, subnet mask /24 and the lab resolver.
/// </summary>
public static class DhcpAck
{
    public static byte[] ForInform(DhcpMessage inform, IPAddress lab)
    {
        var msg = new byte[300];
        var span = msg.AsSpan();
        span[0] = 2; // BOOTREPLY
        span[1] = inform.HardwareType;
        span[2] = (byte)inform.HardwareAddress.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], inform.Xid);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(inform.Flags & 0x8000));
        inform.ClientAddress.GetAddressBytes().CopyTo(span[12..]);
        inform.RelayAddress.GetAddressBytes().CopyTo(span[24..]);
        inform.ChaddrField.CopyTo(span[28..]);
        DhcpOptionReader.WriteMagicCookie(span);
        var pos = 240;
        pos = Option(span, pos, DhcpMessageTypes.OptionMessageType, [DhcpMessageTypes.Ack]);
        pos = Option(span, pos, DhcpMessageTypes.OptionServerId, lab.GetAddressBytes());
        pos = Option(span, pos, DhcpMessageTypes.OptionSubnetMask, [255, 255, 255, 0]);
        pos = Option(span, pos, DhcpMessageTypes.OptionDnsServers, lab.GetAddressBytes());
        span[pos] = 255;
        return msg;
    }

    private static int Option(Span<byte> span, int pos, byte code, ReadOnlySpan<byte> value)
    {
        span[pos] = code;
        span[pos + 1] = (byte)value.Length;
        value.CopyTo(span[(pos + 2)..]);
        return pos + 2 + value.Length;
    }
}
