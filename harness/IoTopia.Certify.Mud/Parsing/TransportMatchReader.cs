using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads the layer-4 matches: <c>tcp</c> (with RFC 8520's <c>direction-initiated</c>), <c>udp</c> and <c>icmp</c>.</summary>
internal static class TransportMatchReader
{
    private static readonly IReadOnlySet<string> TcpUnmodelled = new HashSet<string>
    {
        "sequence-number", "acknowledgement-number", "data-offset", "reserved", "flags", "window-size", "urgent-pointer", "options",
    };

    private static readonly IReadOnlySet<string> UdpUnmodelled = new HashSet<string> { "length" };

    private static readonly IReadOnlySet<string> IcmpUnmodelled = new HashSet<string> { "rest-of-header" };

    public static TcpMatch ReadTcp(ObjectReader tcp, UnmodelledMatches unmodelled)
    {
        var match = new TcpMatch
        {
            Location = tcp.Location,
            SourcePort = PortMatchReader.Read(tcp.Object("source-port")),
            DestinationPort = PortMatchReader.Read(tcp.Object("destination-port")),
            DirectionInitiated = DirectionInitiated(tcp),
        };
        unmodelled.Collect(tcp, "tcp", TcpUnmodelled);
        return match;
    }

    public static UdpMatch ReadUdp(ObjectReader udp, UnmodelledMatches unmodelled)
    {
        var match = new UdpMatch
        {
            Location = udp.Location,
            SourcePort = PortMatchReader.Read(udp.Object("source-port")),
            DestinationPort = PortMatchReader.Read(udp.Object("destination-port")),
        };
        unmodelled.Collect(udp, "udp", UdpUnmodelled);
        return match;
    }

    public static IcmpMatch ReadIcmp(ObjectReader icmp, UnmodelledMatches unmodelled)
    {
        var match = new IcmpMatch
        {
            Location = icmp.Location,
            Type = icmp.Integer("type", byte.MaxValue),
            Code = icmp.Integer("code", byte.MaxValue),
        };
        unmodelled.Collect(icmp, "icmp", IcmpUnmodelled);
        return match;
    }

    private static Direction? DirectionInitiated(ObjectReader tcp)
    {
        var node = tcp.Take("ietf-mud:direction-initiated");
        var text = Leaf.String(node, "direction-initiated", tcp.Sink);
        switch (text)
        {
            case null:
                return null;
            case "from-device":
                return Direction.FromDevice;
            case "to-device":
                return Direction.ToDevice;
            default:
                tcp.Sink.Error("yang-type", node!.Location, $"direction-initiated {Quoted.Of(text)} must be from-device or to-device");
                return null;
        }
    }
}
