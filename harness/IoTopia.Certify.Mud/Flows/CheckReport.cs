using IoTopia.Certify.Mud.Discovery;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>The outcome of checking a capture against a MUD file: every flow judged, the policies applied, the ACEs no flow used.</summary>
public sealed record CheckReport
{
    public required CheckVerdict Verdict { get; init; }

    public required string Reason { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public required CaptureAnalysis Capture { get; init; }

    public required IReadOnlyList<JudgedFlow> Flows { get; init; }

    public required IReadOnlyList<AceRef> UnusedAces { get; init; }

    /// <summary>The MUD URLs the device emitted in the capture.</summary>
    public required IReadOnlyList<MudUrlSighting> DeviceMudUrls { get; init; }

    /// <summary>Problems with the emitted URLs: inconsistency between channels, a URL other than the file's.</summary>
    public required IReadOnlyList<string> MudUrlNotes { get; init; }

    /// <summary>Every match leaf of the file's ACEs that the checker does not model, by ACE.</summary>
    public IReadOnlyList<UnmodelledAceLeaf> UnmodelledLeaves { get; init; } = [];

    public IEnumerable<JudgedFlow> Allowed => Flows.Where(f => f.Outcome == FlowOutcome.Allowed);

    public IEnumerable<JudgedFlow> Violations => Flows.Where(f => f.Outcome == FlowOutcome.Violation);

    public IEnumerable<JudgedFlow> RefusedInbound => Flows.Where(f => f.Outcome == FlowOutcome.RefusedInbound);

    public IEnumerable<JudgedFlow> Inconclusive => Flows.Where(f => f.Outcome == FlowOutcome.Inconclusive);

    public IEnumerable<JudgedFlow> Infrastructure => Flows.Where(f => f.Outcome == FlowOutcome.Infrastructure);
}
