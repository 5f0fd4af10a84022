using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.ticker-check", "Checks that a ticker started by an earlier step still runs and has ticked enough (engine self-test).")]
public sealed class TickerCheckStep : Step<TickerCheckStep.Arguments>
{
    public sealed class Arguments
    {
        [EvidenceLabel]
        public string Name { get; init; } = "ticker";
        public int AtLeast { get; init; } = 1;
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var ticker = context.Activities.Get<TickerActivity>(args.Name);
        context.Measure(Measurement.Of("ticks", ticker.Ticks, "", args.AtLeast));
        return Task.FromResult(ticker.IsRunning ? StepOutcome.Pass() : StepOutcome.Error($"'{args.Name}' stopped early"));
    }
}
