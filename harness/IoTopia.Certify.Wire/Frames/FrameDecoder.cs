using System.Buffers.Binary;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Capture;

namespace IoTopia.Certify.Wire.Frames;

/// <summary>
/// The one decoder of captured frames: link layer (Ethernet with up to two 802.1Q/802.1ad tags, Linux
/// cooked v1/v2, raw IP, BSD loopback), ARP, IPv4 and IPv6 (extension headers, fragments), TCP, UDP,
/// ICMP and ICMPv6 (with the flow a destination-unreachable quotes). Hostile input: every length is
/// checked against what was captured; a short or odd frame decodes as far as it goes and says why it
/// stopped in <see cref="DecodedPacket.Problem"/>. Never throws, never allocates.
/// </summary>
public static class FrameDecoder
{
    public const int EthertypeIpv4 = 0x0800;
    public const int EthertypeIpv6 = 0x86DD;
    public const int EthertypeArp = 0x0806;
    public const int EthertypeEapol = 0x888E;
    public const int EthertypeLldp = 0x88CC;

    public const int ProtocolIcmp = 1;
    public const int ProtocolTcp = 6;
    public const int ProtocolUdp = 17;
    public const int ProtocolIcmpv6 = 58;

    public static void Decode(ReadOnlySpan<byte> frame, LinkType link, ref DecodedPacket p)
    {
        p = default;
        var at = 0;
        switch (link)
        {
            case LinkType.Ethernet:
                if (frame.Length < 14)
                {
                    p.Problem = FrameProblem.TruncatedLinkHeader;
                    return;
                }
                p.DestinationMac = MacAddr.From(frame);
                p.SourceMac = MacAddr.From(frame[6..]);
                p.Ethertype = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
                at = 14;
                for (var tags = 0; tags < 2 && p.Ethertype is 0x8100 or 0x88A8 or 0x9100; tags++)
                {
                    if (frame.Length < at + 4)
                    {
                        p.Problem = FrameProblem.TruncatedVlanTag;
                        break;
                    }
                    p.Ethertype = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 2)..]);
                    at += 4;
                }
                break;
            case LinkType.LinuxSll:
                if (frame.Length < 16)
                {
                    p.Problem = FrameProblem.TruncatedLinkHeader;
                    return;
                }
                p.Outgoing = BinaryPrimitives.ReadUInt16BigEndian(frame) == 4;
                if (BinaryPrimitives.ReadUInt16BigEndian(frame[2..]) == 1 && BinaryPrimitives.ReadUInt16BigEndian(frame[4..]) == 6)
                    p.SourceMac = MacAddr.From(frame[6..]);
                p.Ethertype = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                at = 16;
                break;
            case LinkType.LinuxSll2:
                if (frame.Length < 20)
                {
                    p.Problem = FrameProblem.TruncatedLinkHeader;
                    return;
                }
                p.Ethertype = BinaryPrimitives.ReadUInt16BigEndian(frame);
                p.Outgoing = frame[10] == 4;
                if (BinaryPrimitives.ReadUInt16BigEndian(frame[8..]) == 1 && frame[11] == 6)
                    p.SourceMac = MacAddr.From(frame[12..]);
                at = 20;
                break;
            case LinkType.Null or LinkType.Loop:
                if (frame.Length < 4)
                {
                    p.Problem = FrameProblem.TruncatedLinkHeader;
                    return;
                }
                // The address family is in the capturing host's byte order.
                var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                if (family > 0xFFFF)
                    family = BinaryPrimitives.ReadUInt32BigEndian(frame);
                p.Ethertype = family == 2 ? EthertypeIpv4 : family is 10 or 24 or 28 or 30 ? EthertypeIpv6 : 0;
                at = 4;
                break;
            case LinkType.Raw or LinkType.RawAlt or LinkType.Ipv4 or LinkType.Ipv6:
                if (frame.Length < 1)
                {
                    p.Problem = FrameProblem.TruncatedIpHeader;
                    return;
                }
                p.Ethertype = (frame[0] >> 4) == 6 ? EthertypeIpv6 : EthertypeIpv4;
                break;
            default:
                return;
        }
        p.PayloadOffset = at;
        p.PayloadLength = frame.Length - at;
        switch (p.Ethertype)
        {
            case EthertypeIpv4:
                DecodeIpv4(frame, at, ref p);
                break;
            case EthertypeIpv6:
                DecodeIpv6(frame, at, ref p);
                break;
            case EthertypeArp:
                DecodeArp(frame, at, ref p);
                break;
        }
    }

    private static void DecodeArp(ReadOnlySpan<byte> frame, int at, ref DecodedPacket p)
    {
        if (frame.Length < at + 8)
        {
            p.Problem = FrameProblem.TruncatedArp;
            return;
        }
        var hardwareLength = frame[at + 4];
        var protocolLength = frame[at + 5];
        if (BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 2)..]) != EthertypeIpv4 || protocolLength != 4)
            return;
        if (frame.Length < at + 8 + 2 * (hardwareLength + 4))
        {
            p.Problem = FrameProblem.TruncatedArp;
            return;
        }
        p.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 6)..]);
        p.ArpSender = IpAddr.V4(frame[(at + 8 + hardwareLength)..]);
        p.ArpTarget = IpAddr.V4(frame[(at + 8 + 2 * hardwareLength + 4)..]);
    }

    private static void DecodeIpv4(ReadOnlySpan<byte> frame, int at, ref DecodedPacket p)
    {
        if (frame.Length < at + 20)
        {
            p.Problem = FrameProblem.TruncatedIpHeader;
            return;
        }
        if (frame[at] >> 4 != 4)
        {
            p.Problem = FrameProblem.BadIpVersion;
            return;
        }
        var headerLength = (frame[at] & 0x0F) * 4;
        if (headerLength < 20 || frame.Length < at + headerLength)
        {
            p.Problem = FrameProblem.BadIpv4HeaderLength;
            p.ProblemValue = headerLength;
            return;
        }
        p.IpVersion = 4;
        p.Protocol = frame[at + 9];
        p.Source = IpAddr.V4(frame[(at + 12)..]);
        p.Destination = IpAddr.V4(frame[(at + 16)..]);
        p.Fragment = (BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 6)..]) & 0x1FFF) != 0;
        var total = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 2)..]);
        var end = total >= headerLength ? Math.Min(frame.Length, at + total) : frame.Length;
        if (!p.Fragment)
            DecodeTransport(frame[..end], at + headerLength, ref p);
        if (total < headerLength)
        {
            p.Problem = FrameProblem.BadIpv4TotalLength; // the first thing wrong, whatever the transport then showed
            p.ProblemValue = total;
        }
    }

    private static void DecodeIpv6(ReadOnlySpan<byte> frame, int at, ref DecodedPacket p)
    {
        if (frame.Length < at + 40)
        {
            p.Problem = FrameProblem.TruncatedIpHeader;
            return;
        }
        if (frame[at] >> 4 != 6)
        {
            p.Problem = FrameProblem.BadIpVersion;
            return;
        }
        p.IpVersion = 6;
        p.Source = IpAddr.V6(frame[(at + 8)..]);
        p.Destination = IpAddr.V6(frame[(at + 24)..]);
        var payload = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 4)..]);
        var end = payload > 0 ? Math.Min(frame.Length, at + 40 + payload) : frame.Length;
        var next = (int)frame[at + 6];
        var offset = at + 40;
        // Hop-by-hop, routing, fragment, destination options and AH; at most 8 of them.
        for (var hops = 0; hops < 8 && next is 0 or 43 or 44 or 60 or 51; hops++)
        {
            if (end < offset + 8)
            {
                p.Protocol = next;
                p.Problem = FrameProblem.TruncatedIpv6ExtensionHeader;
                return;
            }
            if (next == 44)
            {
                if ((BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]) & 0xFFF8) != 0)
                    p.Fragment = true;
                next = frame[offset];
                offset += 8;
                continue;
            }
            var length = next == 51 ? (frame[offset + 1] + 2) * 4 : (frame[offset + 1] + 1) * 8;
            next = frame[offset];
            offset += length;
        }
        p.Protocol = next;
        if (offset > end)
            p.Problem = FrameProblem.TruncatedIpv6ExtensionHeader;
        else if (!p.Fragment)
            DecodeTransport(frame[..end], offset, ref p);
    }

    private static void DecodeTransport(ReadOnlySpan<byte> packet, int at, ref DecodedPacket p)
    {
        switch (p.Protocol)
        {
            case ProtocolTcp:
                if (packet.Length < at + 4)
                {
                    p.Problem = FrameProblem.TruncatedTcpHeader;
                    p.PayloadOffset = packet.Length;
                    p.PayloadLength = 0;
                    break;
                }
                p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(packet[at..]);
                p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(packet[(at + 2)..]);
                if (packet.Length < at + 20)
                {
                    p.Problem = FrameProblem.TruncatedTcpHeader;
                    p.PayloadOffset = packet.Length;
                    p.PayloadLength = 0;
                    break;
                }
                p.TcpFlags = packet[at + 13];
                var dataOffset = Math.Max(20, (packet[at + 12] >> 4) * 4);
                p.PayloadOffset = Math.Min(packet.Length, at + dataOffset);
                p.PayloadLength = packet.Length - p.PayloadOffset;
                break;
            case ProtocolUdp:
                if (packet.Length < at + 4)
                {
                    p.Problem = FrameProblem.TruncatedUdpHeader;
                    p.PayloadOffset = packet.Length;
                    p.PayloadLength = 0;
                    break;
                }
                p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(packet[at..]);
                p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(packet[(at + 2)..]);
                if (packet.Length < at + 8)
                    p.Problem = FrameProblem.TruncatedUdpHeader;
                p.PayloadOffset = Math.Min(packet.Length, at + 8);
                p.PayloadLength = packet.Length - p.PayloadOffset;
                break;
            case ProtocolIcmp or ProtocolIcmpv6 when packet.Length >= at + 4:
                p.IcmpType = packet[at];
                p.IcmpCode = packet[at + 1];
                p.PayloadOffset = Math.Min(packet.Length, at + 8);
                p.PayloadLength = packet.Length - p.PayloadOffset;
                if ((p.Protocol == ProtocolIcmp && p.IcmpType == 3) || (p.Protocol == ProtocolIcmpv6 && p.IcmpType == 1))
                    DecodeQuoted(packet, at + 8, ref p);
                break;
            default:
                p.PayloadOffset = Math.Min(packet.Length, at);
                p.PayloadLength = packet.Length - p.PayloadOffset;
                break;
        }
    }

    private static void DecodeQuoted(ReadOnlySpan<byte> packet, int at, ref DecodedPacket p)
    {
        if (packet.Length <= at)
            return;
        var inner = default(DecodedPacket);
        if (p.Protocol == ProtocolIcmp)
            DecodeIpv4(packet, at, ref inner);
        else
            DecodeIpv6(packet, at, ref inner);
        if (inner.IpVersion == 0)
            return;
        p.HasQuoted = true;
        p.QuotedSource = inner.Source;
        p.QuotedDestination = inner.Destination;
        p.QuotedProtocol = inner.Protocol;
        p.QuotedSourcePort = inner.SourcePort;
        p.QuotedDestinationPort = inner.DestinationPort;
    }
}
