using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Judges one direction of a flow by its policy: ACLs in policy order, the first matching ACE decides, RFC 8520's
/// local DNS/NTP default after the explicit ACEs. An ACE whose match is unknown (leaves the checker does not model,
/// a MAC the capture lacks) may or may not apply: it is passed over, and when it would have decided otherwise the
/// direction is undecided rather than allowed or denied.
/// </summary>
internal static class DirectionJudge
{
    private sealed record UncertainAce(AceRef Ace, bool Allows, string Why);

    public static DirectionJudgement Judge(Flow flow, Direction direction, IReadOnlyList<NameChain> names, MatchContext context)
    {
        var view = new FlowView(flow, direction, names);
        var policy = direction == Direction.FromDevice ? "from-device" : "to-device";
        List<UncertainAce>? uncertain = null;
        var why = context.Why;
        // Indexed, not foreach: an enumerator through the interface would allocate, for every ACE of every flow.
        var acls = context.Policy(direction);
        for (var a = 0; a < acls.Count; a++)
        {
            var acl = acls[a];
            for (var e = 0; e < acl.Aces.Count; e++)
            {
                var ace = acl.Aces[e];
                why.Clear();
                var match = AceMatcher.Match(ace.Matches, view, context, why);
                if (match == AceMatch.No)
                    continue;
                var reference = context.Reference(acl, ace);
                var allows = ace.Action == ForwardingAction.Accept;
                if (match == AceMatch.Unknown)
                {
                    (uncertain ??= []).Add(new UncertainAce(reference, allows, string.Join("; ", why)));
                    continue;
                }
                if (allows && uncertain is null && ace.Matches.Eth is null)
                    return context.Allowed(direction, reference);
                var outcome = allows ? $"allowed by {reference}" : $"denied by ACE {reference} ({ace.Action.ToString().ToLowerInvariant()})";
                return Settle(direction, policy, allows, reference, outcome, uncertain) with { DecidedByEthAce = ace.Matches.Eth is not null };
            }
        }
        if (DefaultAllowance(view, context) is { } allowance)
            return uncertain is null ? context.Allowed(direction, allowance) : Settle(direction, policy, true, allowance, $"allowed by {allowance}", uncertain);
        return Settle(direction, policy, false, null, "no ACE allows it", uncertain);
    }

    /// <summary>The decision the fully evaluated ACEs give, unless an uncertain ACE before it would have decided otherwise.</summary>
    private static DirectionJudgement Settle(Direction direction, string policy, bool allows, AceRef? decidedBy, string outcome, List<UncertainAce>? uncertain)
    {
        var decided = allows ? outcome : $"{policy}: {outcome}";
        if (uncertain is null)
            return new DirectionJudgement(direction, allows, decidedBy, decided);
        var refs = uncertain.Select(u => u.Ace).ToList();
        var against = uncertain.Where(u => u.Allows != allows).ToList();
        if (against.Count == 0)
            return new DirectionJudgement(direction, allows, decidedBy, $"{decided} (ACE {string.Join(", ", refs)}, which this checker cannot fully evaluate, would decide the same)") { Uncertain = refs };
        var ifApplies = string.Join("; ", against.Select(u => $"ACE {u.Ace} would {(u.Allows ? "allow" : "deny")} it but {u.Why}"));
        return new DirectionJudgement(direction, false, decidedBy, $"{policy}: undecided: {ifApplies}; if it does not apply: {outcome}")
        {
            Undecided = true,
            Uncertain = refs,
        };
    }

    private static AceRef? DefaultAllowance(FlowView view, MatchContext context)
    {
        var flow = view.Flow;
        if (!flow.IsIp)
            return null;
        var remote = flow.Key.Remote;
        var port = flow.Key.RemotePort;
        if ((flow.Key.Protocol is 17 or 6) && port == 53
            && (context.Settings.IsLocal(remote) || context.Settings.IsController(MudMatch.DnsControllerUrn, remote)))
            return AceRef.DefaultDns;
        if (flow.Key.Protocol == 17 && port == 123
            && (context.Settings.IsLocal(remote) || context.Settings.IsController(MudMatch.NtpControllerUrn, remote)))
            return AceRef.DefaultNtp;
        return null;
    }
}
