using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Does an ACE match one direction of a flow? Every container present must match (RFC 8519): eth, ipv4/ipv6
/// (protocol, networks, ietf-acldns names bound by the capture's DNS), tcp/udp ports with their operators,
/// <c>direction-initiated</c> (unknown starts match either way), icmp, and the MUD abstractions.
/// </summary>
internal static class AceMatcher
{
    public static bool Matches(AceMatches m, FlowView view, MatchContext context)
    {
        var flow = view.Flow;
        if (m.Eth is { } eth && !EthMatches(eth, view))
            return false;
        if (!flow.IsIp)
            return m.Ipv4 is null && m.Ipv6 is null && m.Tcp is null && m.Udp is null && m.Icmp is null && m.Mud is null;
        if (m.Ipv4 is { } v4 && !IpMatches(v4, view, context))
            return false;
        if (m.Ipv6 is { } v6 && !IpMatches(v6, view, context))
            return false;
        if (m.Tcp is { } tcp && !TcpMatches(tcp, view))
            return false;
        if (m.Udp is { } udp && (flow.Key.Protocol != 17 || !Ports(udp.SourcePort, udp.DestinationPort, view)))
            return false;
        if (m.Icmp is { } icmp && !IcmpMatches(icmp, view))
            return false;
        return m.Mud is not { } mud || MudMatches(mud, view.Remote, context);
    }

    private static bool EthMatches(EthMatch eth, FlowView view)
    {
        if (eth.Ethertype is { } type && type != view.Flow.Ethertype)
            return false;
        return MacMatches(eth.SourceMac, eth.SourceMacMask, view.SourceMac)
            && MacMatches(eth.DestinationMac, eth.DestinationMacMask, view.DestinationMac);
    }

    private static bool MacMatches(string? wanted, string? mask, MacAddr actual)
    {
        if (wanted is null)
            return true;
        if (actual.IsNone || !MacAddr.TryParse(wanted, out var w))
            return false;
        var m = mask is not null && MacAddr.TryParse(mask, out var parsed) ? parsed.Value : 0xFFFF_FFFF_FFFFUL;
        return (w.Value & m) == (actual.Value & m);
    }

    private static bool IpMatches(IpMatch ip, FlowView view, MatchContext context)
    {
        var flow = view.Flow;
        if (ip.Version != flow.IpVersion)
            return false;
        if (ip.Protocol is { } protocol && protocol != flow.Key.Protocol)
            return false;
        if (ip.SourceNetwork is { } sourceNet && !view.Source.In(sourceNet))
            return false;
        if (ip.DestinationNetwork is { } destNet && !view.Destination.In(destNet))
            return false;
        if (ip.SourceDnsName is { } sourceName && !NameMatches(sourceName, view.Source, view.SourceIsRemote, view, context))
            return false;
        return ip.DestinationDnsName is not { } destName || NameMatches(destName, view.Destination, !view.SourceIsRemote, view, context);
    }

    private static bool NameMatches(string name, IpAddr address, bool isRemote, FlowView view, MatchContext context)
    {
        var wanted = context.Normalised(name);
        // Indexed, not foreach: an enumerator through the interface would allocate, for every ACE of every flow.
        var known = isRemote ? view.RemoteNames : context.NamesOf(address);
        for (var i = 0; i < known.Count; i++)
        {
            if (known[i].Name == wanted)
                return true;
        }
        return false;
    }

    private static bool TcpMatches(TcpMatch tcp, FlowView view)
    {
        var flow = view.Flow;
        if (flow.Key.Protocol != 6 || !Ports(tcp.SourcePort, tcp.DestinationPort, view))
            return false;
        if (tcp.DirectionInitiated is not { } initiated || flow.InitiatorUnknown)
            return true;
        var wanted = initiated == Direction.FromDevice ? Side.Device : Side.Remote;
        return flow.Initiator == wanted;
    }

    private static bool Ports(PortMatch? source, PortMatch? destination, FlowView view) =>
        (source is null || source.Matches(view.SourcePort)) && (destination is null || destination.Matches(view.DestinationPort));

    private static bool IcmpMatches(IcmpMatch icmp, FlowView view)
    {
        var flow = view.Flow;
        if (flow.Key.Protocol != (flow.IpVersion == 4 ? 1 : 58))
            return false;
        return view.Icmp.All(k => (icmp.Type is not { } t || t == k.Type) && (icmp.Code is not { } c || c == k.Code));
    }

    private static bool MudMatches(MudMatch mud, IpAddr remote, MatchContext context)
    {
        if (mud.LocalNetworks && !context.Settings.IsLocal(remote))
            return false;
        if (mud.Controller is { } urn && !context.Settings.IsController(urn, remote))
            return false;
        if (mud.MyController && (context.Mud.MudUrl is not { } own || !context.Settings.IsController(own, remote)))
            return false;
        var urls = context.UrlsOf(remote);
        if (mud.Manufacturer is { } manufacturer && !urls.Any(u => string.Equals(MatchContext.Authority(u), manufacturer.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            return false;
        if (mud.SameManufacturer && (context.Mud.Authority is not { } authority || !urls.Any(u => string.Equals(MatchContext.Authority(u), authority, StringComparison.OrdinalIgnoreCase))))
            return false;
        return mud.Model is not { } model || urls.Contains(model, StringComparer.Ordinal);
    }
}
