using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

[Needs(typeof(ICaptureProtocol))]
[Step("capture.start", "Starts capturing the DUT's traffic into a pcap until capture.stop or the attempt's end (default filter: the rig's DUT, not its probes).")]
public sealed class CaptureStartStep : Step<CaptureStartStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        [ShortForm]
        public string Name { get; init; } = CaptureName.Default;

        /// <summary>A BPF filter; default: the rig's DUT filter (<c>host DUT and not host PROBE</c>).</summary>
        public string? Filter { get; init; }

        public IEnumerable<string> Validate() => CaptureName.Validate(Name);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        if (CaptureDriver.Find(context) is not { } capture)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' has no capture driver");
        var (activity, problem) = await CaptureStarter.StartAsync(context, capture, args.Name, args.Filter, ct);
        if (activity is null)
            return StepOutcome.Error(problem!);
        context.Details["capture"] = args.Name;
        context.Details["filter"] = activity.Filter;
        context.Details["dut"] = capture.Target.Dut.ToString();
        context.Details["probe"] = capture.Target.Probe?.ToString();
        return StepOutcome.Pass($"capturing '{args.Name}' with filter '{activity.Filter}'");
    }
}
