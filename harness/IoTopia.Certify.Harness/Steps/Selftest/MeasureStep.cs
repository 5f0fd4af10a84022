using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.measure", "Records a given value as a measurement against limits (engine self-test).")]
public sealed class MeasureStep : Step<MeasureStep.Arguments>
{
    public sealed class Arguments
    {
        public required string Name { get; init; }
        public double Value { get; init; }
        public string Unit { get; init; } = "";
        public double? Low { get; init; }
        public double? High { get; init; }
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        context.Measure(Measurement.Of(args.Name, args.Value, args.Unit, args.Low, args.High));
        return Task.FromResult(StepOutcome.Pass());
    }
}
