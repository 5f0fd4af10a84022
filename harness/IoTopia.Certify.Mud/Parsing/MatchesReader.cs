using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads an ACE's <c>matches</c>: the RFC 8519 l2/l3/l4 choices plus RFC 8520's <c>ietf-mud:mud</c>.</summary>
internal static class MatchesReader
{
    private static readonly IReadOnlySet<string> KnownUnmodelled = new HashSet<string> { "egress-interface", "ingress-interface" };

    public static AceMatches Read(ObjectReader matches)
    {
        var sink = matches.Sink;
        var unmodelled = new UnmodelledMatches(sink);
        if (matches.Has("ipv4") && matches.Has("ipv6"))
            sink.Error("yang-choice", matches.Location, "matches has both ipv4 and ipv6; RFC 8519 makes the layer-3 match a choice of one");
        var l4 = new[] { "tcp", "udp", "icmp" }.Where(matches.Has).ToList();
        if (l4.Count > 1)
            sink.Error("yang-choice", matches.Location, $"matches has {string.Join(" and ", l4)}; RFC 8519 makes the layer-4 match a choice of one");

        var result = new AceMatches
        {
            Eth = matches.Object("eth") is { } eth ? EthMatchReader.Read(eth, unmodelled) : null,
            Ipv4 = matches.Object("ipv4") is { } v4 ? IpMatchReader.Read(v4, 4, unmodelled) : null,
            Ipv6 = matches.Object("ipv6") is { } v6 ? IpMatchReader.Read(v6, 6, unmodelled) : null,
            Tcp = matches.Object("tcp") is { } tcp ? TransportMatchReader.ReadTcp(tcp, unmodelled) : null,
            Udp = matches.Object("udp") is { } udp ? TransportMatchReader.ReadUdp(udp, unmodelled) : null,
            Icmp = matches.Object("icmp") is { } icmp ? TransportMatchReader.ReadIcmp(icmp, unmodelled) : null,
            Mud = matches.Object("ietf-mud:mud") is { } mud ? MudMatchReader.Read(mud, unmodelled) : null,
        };
        unmodelled.Collect(matches, "matches", KnownUnmodelled);
        return result with { Unmodelled = unmodelled.Leaves };
    }
}
