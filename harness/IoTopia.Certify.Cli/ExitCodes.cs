using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Cli;

/// <summary>The exit codes of CONTRACTS.md.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Error = 2;
    public const int BadInput = 3;
    public const int Inconclusive = 4;
    public const int Interrupted = 130;

    public static int For(RunResults results, bool interrupted)
    {
        if (interrupted)
            return Interrupted;
        var executed = results.Scenarios.Where(s => s.Verdict != Harness.Verdicts.Verdict.Skipped).ToList();
        if (executed.Count == 0)
            return BadInput;
        if (executed.Any(s => s.Verdict == Harness.Verdicts.Verdict.Error))
            return Error;
        if (executed.Any(s => s.Verdict == Harness.Verdicts.Verdict.Fail))
            return Failed;
        if (executed.Any(s => s.Verdict == Harness.Verdicts.Verdict.Inconclusive))
            return Inconclusive;
        return Passed;
    }
}
