using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.flaky", "Ends with the given verdict on the first attempts, then passes (engine self-test of retries).")]
public sealed class FlakyStep : Step<FlakyStep.Arguments>
{
    public sealed class Arguments
    {
        public int BadAttempts { get; init; } = 1;
        public Verdict Verdict { get; init; } = Verdict.Error;
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct) =>
        Task.FromResult(context.Attempt.Number <= args.BadAttempts
            ? new StepOutcome(args.Verdict, $"attempt {context.Attempt.Number} of a flaky step")
            : StepOutcome.Pass($"attempt {context.Attempt.Number} passed"));
}
