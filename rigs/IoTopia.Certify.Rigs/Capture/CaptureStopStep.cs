using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

[Needs(typeof(ICaptureProtocol))]
[Step("capture.stop", "Stops a capture before the attempt ends and records its packets, dut-packets and drops.")]
public sealed class CaptureStopStep : Step<CaptureStopStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        [ShortForm]
        public string Name { get; init; } = CaptureName.Default;

        public IEnumerable<string> Validate() => CaptureName.Validate(Name);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var (activity, problem) = CaptureDriver.Running(context, args.Name);
        if (activity is null)
            return StepOutcome.Error(problem!);
        await context.Activities.StopAsync(args.Name, ct);
        var stats = await activity.Final.WaitAsync(ct);
        foreach (var measurement in CaptureMeasurements.Of(stats))
            context.Measure(measurement);
        context.Details["malformed"] = activity.Malformed;
        if (activity.Failure is { } failure)
            return StepOutcome.Error(failure);
        return StepOutcome.Pass($"capture '{args.Name}' stopped: {stats.Delivered} packets, {stats.DutPackets} DUT packets, {stats.Dropped} dropped");
    }
}
