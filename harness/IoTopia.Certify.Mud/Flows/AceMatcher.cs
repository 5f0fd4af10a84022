using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Does an ACE match one direction of a flow? Every container present must match (RFC 8519): eth (MAC
/// addresses with masks, ethertype), ipv4/ipv6 (protocol, networks, ietf-acldns names bound by the capture's
/// DNS), tcp/udp ports with their operators, <c>direction-initiated</c> (unknown starts match either way), icmp,
/// and the MUD abstractions. The answer is <see cref="AceMatch.Unknown"/> when everything modelled matches but
/// the ACE also matches on leaves this checker does not model, or on a MAC address the capture does not carry.
/// </summary>
internal static class AceMatcher
{
    /// <param name="why">receives why the answer is unknown (cleared by the caller)</param>
    public static AceMatch Match(AceMatches m, FlowView view, MatchContext context, List<string> why)
    {
        var flow = view.Flow;
        var result = AceMatch.Yes;
        if (m.Eth is { } eth)
        {
            result = EthMatches(eth, view, why);
            if (result == AceMatch.No)
                return AceMatch.No;
        }
        if (!flow.IsIp)
        {
            // ipv4/ipv6/tcp/udp/icmp cannot match a frame without IP; neither can the MUD abstractions, which
            // RFC 8520's YANG defines over IP addresses ("IP addresses will match this node if …").
            if (m.Ipv4 is not null || m.Ipv6 is not null || m.Tcp is not null || m.Udp is not null || m.Icmp is not null || m.Mud is not null)
                return AceMatch.No;
            return Unmodelled(m, result, why);
        }
        if (m.Ipv4 is { } v4 && !IpMatches(v4, view, context))
            return AceMatch.No;
        if (m.Ipv6 is { } v6 && !IpMatches(v6, view, context))
            return AceMatch.No;
        if (m.Tcp is { } tcp && !TcpMatches(tcp, view))
            return AceMatch.No;
        if (m.Udp is { } udp && (flow.Key.Protocol != 17 || !Ports(udp.SourcePort, udp.DestinationPort, view)))
            return AceMatch.No;
        if (m.Icmp is { } icmp && !IcmpMatches(icmp, view))
            return AceMatch.No;
        if (m.Mud is { } mud && !MudMatches(mud, view, context))
            return AceMatch.No;
        return Unmodelled(m, result, why);
    }

    private static AceMatch Unmodelled(AceMatches m, AceMatch result, List<string> why)
    {
        if (m.Unmodelled.Count == 0)
            return result;
        why.Add($"has match leaves this checker does not model ({string.Join(", ", m.Unmodelled)})");
        return AceMatch.Unknown;
    }

    private static AceMatch EthMatches(EthMatch eth, FlowView view, List<string> why)
    {
        // Below 0x0600 the field is an IEEE 802.3 length: such a frame has no ethertype to match.
        if (eth.Ethertype is { } type && (view.Flow.Ethertype < 0x0600 || type != view.Flow.Ethertype))
            return AceMatch.No;
        var source = MacMatches(eth.SourceMac, eth.SourceMacMask, view.SourceMac);
        var destination = MacMatches(eth.DestinationMac, eth.DestinationMacMask, view.DestinationMac);
        if (source == AceMatch.No || destination == AceMatch.No)
            return AceMatch.No;
        if (source == AceMatch.Unknown)
            why.Add("matches on the source MAC address, which the capture does not carry for this flow");
        if (destination == AceMatch.Unknown)
            why.Add("matches on the destination MAC address, which the capture does not carry for this flow");
        return source == AceMatch.Yes && destination == AceMatch.Yes ? AceMatch.Yes : AceMatch.Unknown;
    }

    private static AceMatch MacMatches(string? wanted, string? mask, MacAddr actual)
    {
        if (wanted is null)
            return AceMatch.Yes;
        if (!MacAddr.TryParse(wanted, out var w))
            return AceMatch.No;
        if (actual.IsNone)
            return AceMatch.Unknown;
        var m = mask is not null && MacAddr.TryParse(mask, out var parsed) ? parsed.Value : 0xFFFF_FFFF_FFFFUL;
        return (w.Value & m) == (actual.Value & m) ? AceMatch.Yes : AceMatch.No;
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

    private static bool MudMatches(MudMatch mud, FlowView view, MatchContext context)
    {
        var remote = view.Remote;
        if (mud.LocalNetworks && !IsLocal(remote, view, context.Settings))
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

    /// <summary>
    /// local-networks: the remote is the destination of the device's packets, so broadcast and link-local multicast
    /// count (they never traverse toward a default route); as the sender of packets to the device it is judged by
    /// the local networks alone — no host sends from a broadcast or multicast address.
    /// </summary>
    private static bool IsLocal(IpAddr remote, FlowView view, CheckSettings settings) =>
        view.FromDevice ? settings.IsLocalDestination(remote) : settings.IsLocal(remote);
}
