using IoTopia.Certify.Mud.Discovery;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Judges the device's flows against a MUD file. Each direction a flow has packets in is judged by its own
/// policy, as a MUD manager compiles them (device → remote by the from-device ACLs, remote → device by the
/// to-device ACLs): ACLs in policy order, the first matching ACE decides; RFC 8520's default allowance of
/// local DNS and NTP applies after the explicit ACEs. See <see cref="Policies"/> for everything applied.
/// </summary>
public static class FlowJudge
{
    public static CheckReport Judge(MudFile mud, CaptureAnalysis capture, CheckSettings settings)
    {
        var context = new MatchContext(mud, settings, capture);
        var used = new HashSet<AceRef>();
        var judged = new List<JudgedFlow>();
        foreach (var flow in capture.Flows)
            judged.Add(JudgeFlow(flow, context, used));
        var unused = new List<AceRef>();
        foreach (var direction in new[] { Direction.FromDevice, Direction.ToDevice })
        {
            foreach (var acl in mud.Policy(direction))
                unused.AddRange(acl.Aces.Select(a => new AceRef(acl.Name, a.Name)).Where(r => !used.Contains(r)));
        }
        var deviceUrls = capture.MudUrls.Of(settings.Device.Mac ?? default, capture.DeviceAddresses);
        var (verdict, reason) = Verdict(capture, judged);
        var unmodelled = mud.Acls.SelectMany(acl => acl.Aces.SelectMany(ace => ace.Matches.Unmodelled.Select(leaf => new UnmodelledAceLeaf(new AceRef(acl.Name, ace.Name), leaf)))).ToList();
        return new CheckReport
        {
            Verdict = verdict,
            Reason = reason,
            Policies = Policies(settings, capture),
            Capture = capture,
            Flows = judged,
            UnusedAces = unused.Distinct().ToList(),
            DeviceMudUrls = deviceUrls,
            MudUrlNotes = UrlNotes(mud, deviceUrls),
            UnmodelledLeaves = unmodelled,
        };
    }

    public static IReadOnlyList<string> Policies(CheckSettings settings, CaptureAnalysis capture)
    {
        var local = string.Join(", ", settings.EffectiveLocalNetworks);
        return
        [
            settings.Device.Mac is { } mac
                ? $"device: frames from or to MAC {mac}; its addresses, learned from what it sent: {string.Join(", ", capture.DeviceAddresses)}"
                : $"device: packets from or to {settings.Device.Ip}",
            "names: capture-global bindings from DNS answers on UDP port 53 (A, AAAA; CNAME chains followed, so every name of a chain is bound to its addresses), whenever in the capture they appear; a TLS ClientHello's SNI is the fallback name of a flow whose address no DNS answer gave",
            "judging: each direction a flow has packets in is judged by its own policy — device → remote by the from-device ACLs, remote → device by the to-device ACLs; ACLs in policy order, the first matching ACE decides (accept allows, drop/reject denies)",
            "direction-initiated: from a TCP flow's first packet (a SYN without ACK names the initiator); a flow whose start was not captured is matched in either direction and marked initiator-unknown",
            settings.LocalNetworks.Count > 0
                ? $"local-networks: {local} (from --local-network), directed broadcasts included (each lies inside its network); as a destination also limited broadcast 255.255.255.255 and link-local multicast 224.0.0.0/24 and ff02::/16, which no router forwards"
                : $"local-networks: {local} (the default when no --local-network is given: RFC 1918, IPv4 link-local, IPv6 unique-local and link-local), directed broadcasts included (each lies inside its network); as a destination also limited broadcast 255.255.255.255 and link-local multicast 224.0.0.0/24 and ff02::/16, which no router forwards",
            settings.Controllers.Count > 0
                ? $"controllers: {string.Join(", ", settings.Controllers.Select(c => $"{c.Key}={c.Value}"))} (my-controller: the entries named by this file's MUD URL)"
                : "controllers: none given (controller and my-controller ACEs match no host)",
            "manufacturer, same-manufacturer, model: other Things are known by the MUD URLs they emitted in this capture (DHCP, DHCPv6, LLDP)",
            "defaults (RFC 8520): DNS (UDP/TCP 53) and NTP (UDP 123) with a local-network host or the urn:ietf:params:mud:dns / :ntp controller are allowed, after the explicit ACEs",
            "infrastructure, listed and not judged: ARP, EAPOL, LLDP, DHCP with a local or broadcast server, DHCPv6, IPv6 neighbour discovery, MLD, IGMP — unless an ACE with an eth match (ethertype, MAC) denies it",
            "eth: ethertype and source/destination MAC with masks, against each direction's first frame; a MAC the capture does not carry (Linux cooked, raw IP) is unknown; local-networks and the other MUD abstractions, defined over IP addresses, match no frame without IP",
            "refused inbound, listed and not a violation: a flow no ACE allows that the remote host spoke first in and the device answered only with a TCP RST, an ICMP unreachable, or not at all",
            settings.ProbeAddresses.Count > 0
                ? $"excluded: traffic with the harness's probe address {string.Join(", ", settings.ProbeAddresses)} ({capture.ProbePacketsExcluded} packets)"
                : "excluded: nothing (no --probe-ip)",
            "not modelled: an ACE that matches on a leaf this checker does not model (listed below) may or may not apply; where applying it would change a direction's outcome the flow is inconclusive, otherwise the other ACEs decide",
            "flows: one per protocol, addresses and ports for the whole capture (no idle timeout); non-first IP fragments are counted, not judged",
            "verdict: inconclusive when the device sent no packet, the capture reports dropped packets, or a flow cannot be decided",
        ];
    }

    private static JudgedFlow JudgeFlow(Flow flow, MatchContext context, HashSet<AceRef> used)
    {
        if (flow.Category is not null && !context.HasEthAces)
            return new JudgedFlow(flow, FlowOutcome.Infrastructure, [], null, []);
        var names = flow.IsIp ? context.NamesOf(flow.Key.Remote) : [];
        string? nameSource = names.Count > 0 ? "dns" : null;
        if (names.Count == 0 && flow.Sni is { } sni)
        {
            names = [new NameChain(sni, [sni])];
            nameSource = "tls-sni";
        }
        var directions = new List<DirectionJudgement>();
        if (flow.PacketsFromDevice > 0)
            directions.Add(DirectionJudge.Judge(flow, Direction.FromDevice, names, context));
        if (flow.PacketsToDevice > 0)
            directions.Add(DirectionJudge.Judge(flow, Direction.ToDevice, names, context));
        if (flow.Category is not null)
        {
            // Infrastructure is not judged, unless an ACE that names frames by an eth match denies it for certain.
            directions = directions.Where(d => d.Denied && d.DecidedByEthAce).ToList();
            if (directions.Count == 0)
                return new JudgedFlow(flow, FlowOutcome.Infrastructure, [], null, []);
        }
        var outcome = Outcome(flow, directions);
        if (outcome != FlowOutcome.RefusedInbound)
        {
            foreach (var d in directions)
            {
                if (d.DecidedBy is { IsDefault: false } decidedBy)
                    used.Add(decidedBy);
                used.UnionWith(d.Uncertain);
            }
        }
        return new JudgedFlow(flow, outcome, names, nameSource, directions);
    }

    private static FlowOutcome Outcome(Flow flow, List<DirectionJudgement> directions)
    {
        // Loops, not LINQ: this runs for every flow of captures with millions of packets.
        bool allAllowed = true, anyDenied = false;
        foreach (var d in directions)
        {
            allAllowed &= d.Allowed;
            anyDenied |= d.Denied;
        }
        if (allAllowed)
            return FlowOutcome.Allowed;
        if (flow.FirstSender == Side.Remote && !flow.DeviceAnswered)
            return FlowOutcome.RefusedInbound;
        return anyDenied ? FlowOutcome.Violation : FlowOutcome.Inconclusive;
    }

    private static (CheckVerdict, string) Verdict(CaptureAnalysis capture, List<JudgedFlow> judged)
    {
        var violations = judged.Count(f => f.Outcome == FlowOutcome.Violation);
        if (capture.Error is { } error)
            return (CheckVerdict.BadCapture, $"the capture could not be read to its end: {error.Message}");
        if (violations > 0)
            return (CheckVerdict.Violations, $"{violations} flow(s) the MUD file does not allow");
        if (capture.DevicePacketsSent == 0)
            return (CheckVerdict.Inconclusive, capture.DevicePackets == 0
                ? "no packet of the device in the capture: nothing shows it was active"
                : "the device sent no packet in the capture: nothing shows it was active");
        if (capture.UntrackedPackets > 0)
            return (CheckVerdict.Inconclusive, $"{capture.UntrackedPackets} packet(s) belong to flows beyond the limit of {FlowCollectorOptions.DefaultMaxFlows} flows and were not judged");
        if (capture.ReportedDrops > 0)
            return (CheckVerdict.Inconclusive, $"the capture reports {capture.ReportedDrops} dropped packet(s): traffic may be missing");
        var undecided = judged.Where(f => f.Outcome == FlowOutcome.Inconclusive).ToList();
        if (undecided.Count > 0)
        {
            var aces = undecided.SelectMany(f => f.Directions.Where(d => d.Undecided).SelectMany(d => d.Uncertain)).Distinct().ToList();
            var named = string.Join(", ", aces.Take(5)) + (aces.Count > 5 ? $" and {aces.Count - 5} more" : "");
            return (CheckVerdict.Inconclusive, $"{undecided.Count} flow(s) cannot be decided: ACE {named} would decide them otherwise if it applied, and it matches on what this checker does not model or the capture does not show");
        }
        var allowed = judged.Count(f => f.Outcome == FlowOutcome.Allowed);
        return (CheckVerdict.Compliant, $"all {allowed} flow(s) of the device are allowed");
    }

    private static IReadOnlyList<string> UrlNotes(MudFile mud, IReadOnlyList<MudUrlSighting> sightings)
    {
        var notes = new List<string>(MudUrlDiscovery.Consistency(sightings));
        foreach (var s in sightings)
        {
            notes.AddRange(s.Problems.Select(p => $"{s.ChannelName} (packet {s.PacketNumber}): {p}"));
            if (mud.MudUrl is { } url && s.Url != url)
                notes.Add($"{s.ChannelName} (packet {s.PacketNumber}) emits {s.Url}, but the MUD file's mud-url is {url}");
        }
        return notes;
    }
}
