using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.marker", "Appends a line naming the scenario and attempt to a file the suite names (engine self-test of clean-up).")]
public sealed class MarkerStep : Step<MarkerStep.Arguments>
{
    public sealed class Arguments
    {
        [SuiteFile]
        public required string File { get; init; }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var line = $"{context.Attempt.Scenario.Id} attempt {context.Attempt.Number} {context.Phase}\n";
        await System.IO.File.AppendAllTextAsync(args.File, line, ct);
        return StepOutcome.Pass($"marked {args.File}");
    }
}
