using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.ticker", "Starts a background activity that ticks into an evidence file until the attempt ends (engine self-test).")]
public sealed class TickerStartStep : Step<TickerStartStep.Arguments>
{
    public sealed class Arguments
    {
        [EvidenceLabel]
        public string Name { get; init; } = "ticker";
        public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var log = context.CreateEvidence("log", "activity-log", "text/plain; charset=utf-8", args.Name);
        context.Activities.Start(args.Name, new TickerActivity(log, args.Interval));
        return Task.FromResult(StepOutcome.Pass($"background activity '{args.Name}' started"));
    }
}
