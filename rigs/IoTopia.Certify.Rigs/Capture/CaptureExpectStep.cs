using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

[Needs(typeof(ICaptureProtocol))]
[Step("capture.expect", "Expects a flow of the DUT (host: name or IP, port, proto) to be seen, or not seen, in a running capture within a duration.")]
public sealed class CaptureExpectStep : Step<CaptureExpectStep.Arguments>
{
    public const int MaxFlowsInDetails = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long after a window ends the capture may take to have read and counted everything up to its end.</summary>
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(5);

    public sealed class Arguments : IValidatableArguments
    {
        public string Name { get; init; } = CaptureName.Default;
        public FlowSpec? Seen { get; init; }
        public FlowSpec? NotSeen { get; init; }
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(10);

        public IEnumerable<string> Validate()
        {
            foreach (var problem in CaptureName.Validate(Name))
                yield return problem;
            if ((Seen is null) == (NotSeen is null))
                yield return "give exactly one of seen: or not-seen:";
            foreach (var problem in Seen?.Validate("seen") ?? [])
                yield return problem;
            foreach (var problem in NotSeen?.Validate("not-seen") ?? [])
                yield return problem;
            if (Within <= TimeSpan.Zero)
                yield return "within: must be longer than zero";
        }
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var (activity, problem) = CaptureDriver.Running(context, args.Name);
        if (activity is null)
            return Task.FromResult(StepOutcome.Error(problem!));
        context.Details["capture"] = args.Name;
        return args.Seen is { } seen
            ? SeenAsync(context, activity, seen, args.Within, ct)
            : NotSeenAsync(context, activity, args.NotSeen!, args.Within, ct);
    }

    private static async Task<StepOutcome> SeenAsync(StepContext context, CaptureActivity capture, FlowSpec spec, TimeSpan within, CancellationToken ct)
    {
        var expected = $"a flow of the DUT with {spec} within {Duration.Format(within)}";
        var deadline = DateTimeOffset.UtcNow + within;
        using var timer = new PeriodicTimer(PollInterval);
        for (var last = false; ; )
        {
            var matches = capture.Flows.Matching(spec);
            if (matches.Count > 0)
            {
                context.Details["matched"] = FlowsJson(matches);
                var first = matches[0];
                return new StepOutcome(Harness.Verdicts.Verdict.Pass, $"seen: {first.Key} at {first.First:O}")
                {
                    Expected = expected,
                    Observed = $"{first.Key}, {first.Packets} packets from {first.First:O}",
                };
            }
            if (capture.Failure is { } failure)
                return StepOutcome.Error(failure);
            if (last || !capture.IsRunning)
                break;
            if (DateTimeOffset.UtcNow >= deadline)
            {
                // one last look once the capture has read everything up to the deadline
                await CaughtUpAsync(capture, deadline, () => capture.Flows.Matching(spec).Count > 0, ct);
                last = true;
                continue;
            }
            await timer.WaitForNextTickAsync(ct);
        }

        var flows = capture.Flows.Flows();
        AddCaptureDetails(context, capture, spec, flows);
        var stopped = capture.IsRunning ? "" : " (the capture had stopped)";
        return StepOutcome.Fail($"not seen: no flow of the DUT with {spec} within {Duration.Format(within)}{stopped}", expected,
            $"{flows.Count} DUT flows, none with {spec}{Unresolved(capture, spec)}");
    }

    private static async Task<StepOutcome> NotSeenAsync(StepContext context, CaptureActivity capture, FlowSpec spec, TimeSpan within, CancellationToken ct)
    {
        var expected = $"no flow of the DUT with {spec} for {Duration.Format(within)}, with DUT packets seen and no capture drops";
        var before = capture.Stats; // losses up to a moment before the window's start
        var start = DateTimeOffset.UtcNow;
        var window = new QuietWindow(spec, capture.Flows, start, start + within);
        (Protocols.CapturedPacket Packet, FlowKey Flow)? offence = null;
        var caughtUp = false;
        using (capture.Watch(window.Observe))
        {
            var elapsed = Task.Delay(within, ct);
            if (await Task.WhenAny(window.Offence, elapsed) == window.Offence)
                offence = await window.Offence;
            else
                caughtUp = await CaughtUpAsync(capture, window.End, () => window.Offence.IsCompleted, ct);
        }
        var after = capture.Stats;
        if (offence is null && window.Offence.IsCompletedSuccessfully)
            offence = window.Offence.Result;

        var drops = Math.Max(0, after.Dropped - before.Dropped);
        context.Details["window"] = new JsonObject
        {
            ["start"] = window.Start.ToString("O"),
            ["end"] = window.End.ToString("O"),
            ["dutPackets"] = window.DutPackets,
            ["drops"] = drops,
        };
        AddCaptureDetails(context, capture, spec, window.Flows);

        if (offence is { } seen)
            return Offended(context, spec, expected, seen.Packet.Time, seen.Flow);
        if (window.FirstForbiddenFlow() is { } late)
            return Offended(context, spec, expected, late.First, late.Key);
        if (capture.Failure is { } failure)
            return StepOutcome.Error(failure);

        var observed = $"{window.DutPackets} DUT packets in the window, {drops} dropped, no flow with {spec}{Unresolved(capture, spec)}";
        if (!capture.IsRunning)
            return StepOutcome.Inconclusive("the capture stopped before the window ended", expected, observed);
        if (!caughtUp)
            return StepOutcome.Inconclusive($"the capture had not read and counted the window's packets {Duration.Format(CatchUp)} after it ended", expected, observed);
        var missing = new List<string>();
        if (window.DutPackets == 0)
            missing.Add("no DUT packets in the window");
        if (drops > 0)
            missing.Add($"{drops} packets dropped");
        if (missing.Count > 0)
            return StepOutcome.Inconclusive(string.Join("; ", missing), expected, observed);
        return new StepOutcome(Harness.Verdicts.Verdict.Pass, $"not seen: no flow with {spec} in {Duration.Format(within)}; {window.DutPackets} DUT packets, 0 dropped")
        {
            Expected = expected,
            Observed = observed,
        };
    }

    /// <summary>
    /// Waits until the capture has read everything that arrived up to <paramref name="end"/> and settled its losses
    /// past it; false when it did not within <see cref="CatchUp"/>, or stopped, or <paramref name="decided"/> came true first.
    /// </summary>
    private static async Task<bool> CaughtUpAsync(CaptureActivity capture, DateTimeOffset end, Func<bool> decided, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + CatchUp;
        using var timer = new PeriodicTimer(PollInterval);
        while (capture.Stats.DroppedUntil is not { } until || until < end)
        {
            if (decided() || !capture.IsRunning || capture.Failure is not null || DateTimeOffset.UtcNow >= deadline)
                return false;
            await timer.WaitForNextTickAsync(ct);
        }
        return true;
    }

    private static StepOutcome Offended(StepContext context, FlowSpec spec, string expected, DateTimeOffset time, FlowKey flow)
    {
        context.Details["offending"] = new JsonObject
        {
            ["time"] = time.ToString("O"),
            ["flow"] = flow.ToString(),
            ["src"] = flow.Source.ToString(),
            ["dst"] = flow.Destination.ToString(),
            ["proto"] = flow.ProtocolName,
            ["srcPort"] = flow.SourcePort,
            ["dstPort"] = flow.DestinationPort,
        };
        return StepOutcome.Fail($"seen: {flow} at {time:O}, a flow with {spec} that must not happen", expected, $"{flow} at {time:O}");
    }

    private static void AddCaptureDetails(StepContext context, CaptureActivity capture, FlowSpec spec, IReadOnlyList<Flow> flows)
    {
        context.Details["flows"] = FlowsJson(flows);
        if (flows.Count > MaxFlowsInDetails)
            context.Details["flowsOmitted"] = flows.Count - MaxFlowsInDetails;
        var names = new JsonObject();
        foreach (var (name, addresses) in capture.Flows.Names().OrderBy(n => n.Key, StringComparer.Ordinal).Take(MaxFlowsInDetails))
            names[name] = new JsonArray(addresses.Select(a => (JsonNode)a.ToString()).ToArray());
        context.Details["names"] = names;
        context.Details["host"] = new JsonArray(capture.Flows.Resolve(spec).Select(a => (JsonNode)a.ToString()).ToArray());
    }

    private static JsonArray FlowsJson(IEnumerable<Flow> flows) =>
        new(flows.Take(MaxFlowsInDetails).Select(f => (JsonNode)f.ToJson()).ToArray());

    private static string Unresolved(CaptureActivity capture, FlowSpec spec) =>
        spec.Address is null && capture.Flows.Resolve(spec).Count == 0 ? $" (no DNS answer in the capture resolved '{spec.Name}')" : "";
}
