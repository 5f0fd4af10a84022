using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

[Needs(typeof(ICaptureProtocol), Optional = true)]
[Needs(typeof(ILabDhcp), Optional = true)]
[Needs(typeof(ILabHttps), Optional = true)]
[Step("intent.mud-url", "IOT-INT-01: reads the DUT's MUD URL on every channel the rig can (lab DHCP, certificate via lab TLS and probe, a running capture — read while it waits) and expects exactly one https URL, the same everywhere, options ≤ 255 octets.")]
public sealed class MudUrlStep : Step<MudUrlStep.Arguments>
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>How long the DUT has to show up on the channels waited for.</summary>
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>The channels to wait for before deciding (each as far as the rig has it); the others are read as they are then.</summary>
        public List<MudUrlSource> WaitFor { get; init; } = [MudUrlSource.Dhcp, MudUrlSource.Certificate];

        /// <summary>Once the channels waited for have shown the DUT, how long to keep reading the others (its first TLS connection to the lab shows its client certificate).</summary>
        public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(3);

        /// <summary>A capture started earlier in the attempt; this step ends it and reads DHCPv4, DHCPv6 and LLDP from its pcap.</summary>
        public string? Capture { get; init; }

        public IEnumerable<string> Validate()
        {
            if (Within <= TimeSpan.Zero)
                yield return "within: must be longer than zero";
            if (Linger < TimeSpan.Zero)
                yield return "linger: must not be negative";
            if (Capture is not null)
            {
                foreach (var problem in CaptureName.Validate(Capture))
                    yield return $"capture: {problem}";
            }
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var network = RigDrivers.Resource<IDutNetwork>(context);
        var captureDriver = RigDrivers.Find<ICaptureProtocol>(context);
        var dut = network?.DutAddress ?? captureDriver?.Target.Dut;
        if (dut is null)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' says neither the DUT's address nor how to reach it (no IDutNetwork, no capture)");
        var mac = network?.DutMac ?? captureDriver?.Target.Mac;

        var probe = new ProbeLook(network);
        var wire = RunningCaptureLook.Of(context, args.Capture);
        var deadline = DateTimeOffset.UtcNow + args.Within;
        DateTimeOffset? settled = null;
        List<ChannelLook> looks;
        while (true)
        {
            if (args.WaitFor.Contains(MudUrlSource.Certificate))
                await probe.TryAsync(ct);
            looks = [LabMudUrls.Dhcp(context, dut, mac), LabMudUrls.TlsClientCertificates(context, dut), probe.Look(DateTimeOffset.UtcNow)];
            var onWire = wire?.Look(DateTimeOffset.UtcNow);
            var now = DateTimeOffset.UtcNow;
            if (Waited(args.WaitFor, looks, onWire))
                settled ??= now + args.Linger;
            if (now >= deadline || now >= settled || looks.Append(onWire).All(l => l is null || l.Observed || !l.Available))
                break;
            await Task.Delay(Poll, ct);
        }
        if (!args.WaitFor.Contains(MudUrlSource.Certificate))
        {
            await probe.TryAsync(ct);
            looks[2] = probe.Look(DateTimeOffset.UtcNow);
        }
        if (args.Capture is { } name)
        {
            var (capture, problem) = await CaptureWindow.EndAsync(context, name, ct);
            if (capture is null)
                return StepOutcome.Error(problem!);
            context.Details["pcap"] = capture.PcapEvidencePath;
            looks.Add(CaptureMudUrls.Read(capture));
        }
        if (probe.Result?.Certificate is { } certificate)
            await context.WriteEvidenceAsync("pem", "device-certificate", "application/x-pem-file", Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()), "device-certificate", ct);
        return await JudgeAsync(context, looks, ct);
    }

    /// <summary>
    /// Every channel waited for has shown the DUT, or the rig cannot read it: DHCP at the lab's DHCP service or in
    /// the running capture (with LLDP and DHCPv6); the certificate from the lab's TLS endpoints or the probe.
    /// </summary>
    private static bool Waited(List<MudUrlSource> waitFor, List<ChannelLook> looks, ChannelLook? onWire) => waitFor.All(source => source switch
    {
        MudUrlSource.Dhcp => looks[0].Observed || onWire is { Observed: true } || (!looks[0].Available && onWire is null),
        _ => looks[1].Observed || looks[2].Observed || (!looks[1].Available && !looks[2].Available),
    });

    internal static async Task<StepOutcome> JudgeAsync(StepContext context, IReadOnlyList<ChannelLook> looks, CancellationToken ct)
    {
        var urls = looks.SelectMany(l => l.Urls).ToList();
        var distinct = urls.Select(u => u.Url).Distinct(StringComparer.Ordinal).ToList();
        var problems = urls.SelectMany(u => u.Problems.Select(p => $"{u.Channel} via {u.Via}: {p}")).ToList();
        if (distinct.Count > 1)
            problems.Add($"different MUD URLs: {string.Join("; ", urls.GroupBy(u => u.Url).Select(g => $"{DeviceText.Clip(g.Key, 200)} ({string.Join(", ", g.Select(u => u.Channel).Distinct())})"))}");

        var report = new JsonObject
        {
            ["channels"] = new JsonArray(looks.Select(l => (JsonNode?)l.ToJson()).ToArray()),
            ["urls"] = new JsonArray(urls.Select(u => (JsonNode?)u.ToJson()).ToArray()),
            ["distinct"] = new JsonArray(distinct.Select(u => (JsonNode?)DeviceText.Clip(u, 300)).ToArray()),
            ["problems"] = new JsonArray(problems.Select(p => (JsonNode?)DeviceText.Clip(p, 600)).ToArray()),
        };
        await context.WriteEvidenceAsync("json", "mud-urls", "application/json", JsonSerializer.SerializeToUtf8Bytes(report, Indented), "mud-urls", ct);
        foreach (var (key, value) in report.ToList())
            context.Details[key] = value?.DeepClone();
        foreach (var option in urls.Where(u => u.Octets is not null))
            context.Measure(Measurement.Of($"mud-url-octets ({option.Channel})", option.Octets!.Value, "octets", 1, MudUrlRules.MaxOptionOctets));
        if (urls.Count > 0)
            context.Measure(Measurement.Of("distinct-mud-urls", distinct.Count, "urls", 1, 1));

        const string expected = "exactly one https MUD URL, the same on every channel used, options ≤ 255 octets";
        var channels = string.Join(", ", urls.Select(u => u.Channel).Distinct());
        if (urls.Count == 0)
        {
            var seen = looks.Where(l => l.Observed).Select(l => l.Name).ToList();
            var looked = string.Join("; ", looks.Select(l => $"{l.Name}: {l.Note}"));
            return seen.Count > 0
                ? StepOutcome.Fail($"the DUT announced no MUD URL on any channel the lab read, though it was seen on {string.Join(", ", seen)}", expected, looked)
                : StepOutcome.Inconclusive("the DUT showed up on no channel the lab reads: no evidence it was running", expected, looked);
        }
        var observed = $"{string.Join(", ", distinct.Select(u => DeviceText.Clip(u, 200)))} on {channels}";
        if (problems.Count > 0)
            return StepOutcome.Fail(DeviceText.Clip(string.Join("; ", problems), 1500), expected, observed);
        return new StepOutcome(Harness.Verdicts.Verdict.Pass, $"one https MUD URL {DeviceText.Clip(distinct[0], 200)} on {channels}")
        {
            Expected = expected,
            Observed = observed,
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
