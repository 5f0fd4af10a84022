using System.Net;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

[Needs(typeof(ICaptureProtocol))]
[Needs(typeof(ILabMud), Optional = true)]
[Needs(typeof(ILabDns), Optional = true)]
[Needs(typeof(ILabDhcp), Optional = true)]
[Needs(typeof(ILabHttps), Optional = true)]
[Step("intent.flows", "IOT-INT-04: ends a capture started at the scenario's beginning and judges every flow of the DUT in its pcap against the MUD file (fetched from the emitted URL through the lab, or the rig's manufacturer file).")]
public sealed class MudFlowsStep : Step<MudFlowsStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>The capture started with capture.start: this step ends its window.</summary>
        public string Capture { get; init; } = CaptureName.Default;

        public MudUrlSource Source { get; init; } = MudUrlSource.Dhcp;

        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>What local-networks and the DNS/NTP default mean (CIDR); default: the rig's (its lab network's local networks, the name addresses left out).</summary>
        public List<string> LocalNetworks { get; init; } = [];

        public IEnumerable<string> Validate()
        {
            foreach (var problem in CaptureName.Validate(Capture))
                yield return $"capture: {problem}";
            if (Within <= TimeSpan.Zero)
                yield return "within: must be longer than zero";
            foreach (var network in LocalNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
                yield return $"local-networks: '{network}' is not a network in CIDR form";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var (capture, problem) = await CaptureWindow.EndAsync(context, args.Capture, ct);
        if (capture is null)
            return StepOutcome.Error(problem!);
        context.Details["pcap"] = capture.PcapEvidencePath;
        if (capture.Failure is { } failure)
            return StepOutcome.Error($"capture '{capture.Name}' failed: {failure}");
        var wire = RigDrivers.Lab<ILabDhcp>(context) is null ? CaptureMudUrls.Read(capture) : null; // a bench without the lab's DHCP: the URL from this capture
        var lookup = await MudFileSource.GetAsync(context, args.Source, args.Within, ct, wire);
        if (lookup.Stop is { } stop)
            return stop with { Expected = FlowsJudgement.Expected };
        var file = lookup.File!;
        context.Details["checked"] = file.Checked;
        context.Details["fileEvidence"] = await IntentEvidence.BytesAsync(context, "mud-file", "json", MudMediaTypes.MudFile, file.Bytes, ct);
        if (lookup.Mismatch is { } mismatch)
            return StepOutcome.Inconclusive($"{mismatch}: the flows cannot be judged by a file the DUT does not point to (IOT-INT-03 judges the URL)", FlowsJudgement.Expected, file.Checked);
        if (lookup.Untied is { } untied)
            context.Details["untied"] = untied;
        if (!file.Validation.IsValid)
            return StepOutcome.Inconclusive($"the MUD file is invalid ({file.Validation.ErrorCount} errors): flows cannot be judged by it (IOT-INT-02 judges the file)",
                FlowsJudgement.Expected, file.Checked);

        var lab = RigDrivers.Resource<LabNetwork>(context);
        var judged = FlowsJudgement.Judge(capture, file, args.LocalNetworks.Count > 0 ? [.. args.LocalNetworks.Select(IPNetwork.Parse)] : lab?.LocalNetworks ?? [], lab);
        context.Details["reportEvidence"] = await IntentEvidence.JsonAsync(context, "flow-check", judged.Report, ct);
        foreach (var (key, value) in judged.Details.ToList())
            context.Details[key] = value?.DeepClone();
        context.Measure(Measurement.Of("judged-flows", judged.Check.Flows.Count(f => f.Outcome != Mud.Flows.FlowOutcome.Infrastructure), "flows"));
        context.Measure(Measurement.Of("violating-flows", judged.Check.Violations.Count(), "flows", high: 0));
        return judged.Outcome;
    }
}
