using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Steps;

/// <summary>What a step returns: its verdict with the reason, and what it expected and observed.</summary>
public sealed record StepOutcome(Verdict Verdict, string Reason = "")
{
    public string? Expected { get; init; }
    public string? Observed { get; init; }

    public static StepOutcome Pass(string reason = "") => new(Verdict.Pass, reason);

    public static StepOutcome Fail(string reason, string? expected = null, string? observed = null) =>
        new(Verdict.Fail, reason) { Expected = expected, Observed = observed };

    public static StepOutcome Inconclusive(string reason, string? expected = null, string? observed = null) =>
        new(Verdict.Inconclusive, reason) { Expected = expected, Observed = observed };

    public static StepOutcome Error(string reason) => new(Verdict.Error, reason);
}
