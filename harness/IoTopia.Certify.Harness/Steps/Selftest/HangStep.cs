using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.hang", "Never finishes by itself; with ignore-cancellation it even ignores its deadline (engine self-test).")]
public sealed class HangStep : Step<HangStep.Arguments>
{
    public sealed class Arguments
    {
        public bool IgnoreCancellation { get; init; }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        context.Defer(c => context.WriteEvidenceAsync("txt", "log", "the hanging step's own clean-up ran\n", "cleanup", c));
        if (args.IgnoreCancellation)
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        await Task.Delay(Timeout.Infinite, ct);
        return StepOutcome.Pass();
    }
}
