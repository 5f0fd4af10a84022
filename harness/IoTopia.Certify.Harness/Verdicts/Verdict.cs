namespace IoTopia.Certify.Harness.Verdicts;

/// <summary>The five verdicts of CONTRACTS.md. Declared best first so a larger value is worse.</summary>
public enum Verdict
{
    Skipped = 0,
    Pass = 1,
    Inconclusive = 2,
    Error = 3,
    Fail = 4,
}
