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
        if (capture.Unavailable is { } why)
            return StepOutcome.Error(why);
        if (context.Activities.Find<BackgroundActivity>(args.Name) is not null)
            return StepOutcome.Error($"a background activity named '{args.Name}' already runs in this attempt");

        var filter = string.IsNullOrWhiteSpace(args.Filter) ? capture.Target.DefaultFilter : args.Filter;
        var activity = new CaptureActivity(args.Name, filter, capture.Target, context);
        var pcap = context.CreateEvidence("pcap", "capture", "application/vnd.tcpdump.pcap", args.Name);
        ICaptureSession session;
        try
        {
            session = await capture.StartAsync(pcap, new CaptureSettings(filter, activity.Observe), ct);
        }
        catch (Exception e) when (e is CaptureUnavailableException or ArgumentException or SharpPcap.PcapException)
        {
            await pcap.DisposeAsync();
            return StepOutcome.Error(e.Message);
        }
        activity.Attach(session, pcap);
        context.Activities.Start(args.Name, activity);
        context.Details["capture"] = args.Name;
        context.Details["filter"] = filter;
        context.Details["dut"] = capture.Target.Dut.ToString();
        context.Details["probe"] = capture.Target.Probe?.ToString();
        return StepOutcome.Pass($"capturing '{args.Name}' with filter '{filter}'");
    }
}
