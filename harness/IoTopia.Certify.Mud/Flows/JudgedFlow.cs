using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>A flow with its outcome, the names it was reached by, and the judgement of each direction seen.</summary>
public sealed record JudgedFlow(Flow Flow, FlowOutcome Outcome, IReadOnlyList<NameChain> Names, string? NameSource, IReadOnlyList<DirectionJudgement> Directions)
{
    public string Reason => string.Join("; ", Directions.Where(d => !d.Allowed).Select(d => d.Reason));

    /// <summary>The names most worth showing: the ones the device asked for (heads of CNAME chains), then the rest.</summary>
    public IEnumerable<string> NameTexts => Names.OrderByDescending(n => n.Chain.Count).Select(n => n.Name);
}
