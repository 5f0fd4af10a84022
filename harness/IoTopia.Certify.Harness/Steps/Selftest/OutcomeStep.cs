using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.outcome", "Ends with the verdict it is given, with evidence (engine self-test).")]
public sealed class OutcomeStep : Step<OutcomeStep.Arguments>
{
    public sealed class Arguments
    {
        public Verdict Verdict { get; init; } = Verdict.Pass;
        public string Reason { get; init; } = "as scripted";
        public string? Expected { get; init; }
        public string? Observed { get; init; }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        await context.WriteEvidenceAsync("txt", "log", $"scripted verdict {args.Verdict.Name()}: {args.Reason}\n", ct: ct);
        return new StepOutcome(args.Verdict, args.Reason) { Expected = args.Expected, Observed = args.Observed };
    }
}
