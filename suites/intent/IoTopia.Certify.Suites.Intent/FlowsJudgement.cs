using System.Net;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// IOT-INT-04's judgement of one capture window against the MUD file: every DUT flow by the flow check
/// (names from the capture's DNS answers, direction-initiated, RFC 8520's local DNS/NTP allowance, the rig's
/// local networks, the lab's DNS and NTP servers as the DNS and NTP controllers), the probe's traffic
/// excluded. A violation fails whatever else; no DUT packet, capture drops or untracked flows leave it
/// inconclusive; a pcap that cannot be read to its end is the lab's error. Violations are listed most serious
/// first — with a named remote host, then an unnamed remote host, then a local one, then the lab's own
/// services — and the reason names the device's own, not its traffic with the lab's services.
/// </summary>
public static class FlowsJudgement
{
    public const int MaxViolationsInDetails = 20;
    public const string Expected = "every flow of the DUT while it boots and runs allowed by an ACE of its MUD file (or RFC 8520's local DNS/NTP default), DUT packets seen, no capture drops";

    public sealed record Result(StepOutcome Outcome, JsonObject Report, JsonObject Details, CheckReport Check);

    public static Result Judge(EndedCapture capture, CheckedMudFile file, IReadOnlyList<IPNetwork> localNetworks, LabNetwork? lab = null)
    {
        var settings = new CheckSettings
        {
            Device = capture.Target.Mac is { } mac
                ? new DeviceSelector(MacAddr.From(mac.GetAddressBytes()), IpAddr.From(capture.Target.Dut)) // its DHCP from 0.0.0.0, its ARP
                : DeviceSelector.ByIp(IpAddr.From(capture.Target.Dut)),
            ProbeAddresses = capture.Target.Probe is { } probe ? [IpAddr.From(probe)] : [],
            LocalNetworks = localNetworks,
            Controllers = Controllers(lab),
        };
        var analysis = CaptureAnalyzer.Analyze(capture.PcapPath, settings);
        var check = FlowJudge.Judge(file.Validation.Mud!, analysis, settings);
        var report = CheckReportJson.Build(check);
        report["pcap"] = capture.PcapEvidencePath;
        report["checked"] = file.Checked;
        report["window"] = new JsonObject
        {
            ["capture"] = capture.Name,
            ["started"] = capture.Started.ToString("O"),
            ["ended"] = capture.Ended.ToString("O"),
            ["delivered"] = capture.Stats.Delivered,
            ["dutPackets"] = capture.Stats.DutPackets,
            ["dropped"] = capture.Stats.Dropped,
        };
        var violations = check.Violations.OrderBy(v => Seriousness(v, settings, lab)).ThenBy(v => v.Flow.FirstNumber).ToList();
        var withLab = check.Flows.Count(f => WithLab(f, lab));
        var details = new JsonObject
        {
            ["verdict"] = CheckReportJson.Name(check.Verdict),
            ["pcap"] = capture.PcapEvidencePath,
            ["checked"] = file.Checked,
            ["devicePacketsSent"] = analysis.DevicePacketsSent,
            ["captureDrops"] = capture.Stats.Dropped,
            ["allowed"] = check.Allowed.Count(),
            ["infrastructure"] = check.Infrastructure.Count(),
            ["labServiceFlows"] = withLab,
            ["refusedInbound"] = check.RefusedInbound.Count(),
            ["inconclusive"] = check.Inconclusive.Count(),
            ["violationCount"] = violations.Count,
            ["violations"] = new JsonArray(violations.Take(MaxViolationsInDetails).Select(v => (JsonNode?)CheckReportJson.Flow(v)).ToArray()),
            ["localNetworks"] = new JsonArray(settings.EffectiveLocalNetworks.Select(n => (JsonNode?)n.ToString()).ToArray()),
            ["labHosts"] = new JsonArray((lab is null ? [] : lab.LabHosts.Concat(lab.DhcpServers).Concat(lab.DnsServers).Concat(lab.NtpServers).Distinct())
                .Select(a => (JsonNode?)a.ToString()).ToArray()),
            ["unusedAces"] = new JsonArray(check.UnusedAces.Select(a => (JsonNode?)a.ToString()).ToArray()),
            ["unmodelledLeaves"] = new JsonArray(check.UnmodelledLeaves.Select(u => (JsonNode?)$"{u.Ace}: {u.Leaf}").ToArray()),
        };
        return new Result(Outcome(capture, analysis, check, violations, v => WithLab(v, lab), withLab), report, details, check);
    }

    private static StepOutcome Outcome(EndedCapture capture, CaptureAnalysis analysis, CheckReport check, List<JudgedFlow> violations, Func<JudgedFlow, bool> withLab, int labFlows)
    {
        var observed = $"{check.Flows.Count} flows ({check.Allowed.Count()} allowed, {violations.Count} violations, {check.Infrastructure.Count()} infrastructure, "
            + $"{check.RefusedInbound.Count()} refused inbound, {check.Inconclusive.Count()} undecided; {labFlows} with the lab's own services); {analysis.DevicePacketsSent} packets from the DUT; {capture.Stats.Dropped} dropped; pcap {capture.PcapEvidencePath}";
        if (violations.Count > 0)
        {
            var own = violations.Where(v => !withLab(v)).ToList();
            var headline = own.Count > 0
                ? $"{own.Count} flows no ACE allows: {string.Join("; ", own.Take(3).Select(Describe))}"
                : $"{violations.Count} flows with the lab's own services no ACE allows: {string.Join("; ", violations.Take(3).Select(Describe))}";
            return new StepOutcome(Verdict.Fail, DeviceText.Clip(headline, 1500)) { Expected = Expected, Observed = observed };
        }
        if (analysis.Error is { } error)
            return StepOutcome.Error($"the capture {capture.PcapEvidencePath} cannot be read to its end: {error.Message}");
        if (capture.Stats.Dropped > 0)
            return StepOutcome.Inconclusive($"the capture dropped {capture.Stats.Dropped} packets: a flow may have gone unseen", Expected, observed);
        if (check.Verdict != CheckVerdict.Compliant)
            return StepOutcome.Inconclusive(check.Reason, Expected, observed);
        return new StepOutcome(Verdict.Pass, $"every one of the DUT's {check.Allowed.Count()} flows is allowed by its MUD file ({check.Infrastructure.Count()} infrastructure flows not judged; {labFlows} flows with the lab's own services)")
        {
            Expected = Expected,
            Observed = observed,
        };
    }

    /// <summary>The lab's DNS and NTP servers as RFC 8520's DNS and NTP controllers.</summary>
    private static IReadOnlyList<KeyValuePair<string, IpAddr>> Controllers(LabNetwork? lab) => lab is null
        ? []
        : [.. lab.DnsServers.Select(a => KeyValuePair.Create(MudMatch.DnsControllerUrn, IpAddr.From(a))),
            .. lab.NtpServers.Select(a => KeyValuePair.Create(MudMatch.NtpControllerUrn, IpAddr.From(a)))];

    /// <summary>A flow between the DUT and one of the lab's own service hosts (its DHCP, DNS, NTP servers, the lab address).</summary>
    private static bool WithLab(JudgedFlow f, LabNetwork? lab) =>
        lab is not null && f.Flow.IsIp && !f.Flow.Key.Remote.IsNone && lab.IsLabHost(f.Flow.Key.Remote.ToIPAddress());

    /// <summary>0 a named remote host, 1 an unnamed remote host, 2 a local, broadcast or multicast host, 3 the lab's own services.</summary>
    private static int Seriousness(JudgedFlow f, CheckSettings settings, LabNetwork? lab)
    {
        if (WithLab(f, lab))
            return 3;
        var remote = f.Flow.Key.Remote;
        if (!f.Flow.IsIp || remote.IsNone || remote.IsIpv4Broadcast || remote.IsMulticast || settings.IsLocal(remote))
            return 2;
        return f.Names.Count > 0 ? 0 : 1;
    }

    /// <summary>One violation as the report shows it: addresses and ports, the name it was reached by, packets, times, bytes, why.</summary>
    public static string Describe(JudgedFlow f)
    {
        var flow = f.Flow;
        var names = f.Names.Count > 0 ? $" reached by {string.Join(", ", f.NameTexts.Take(3))}{(f.NameSource == "tls-sni" ? " (TLS SNI)" : "")}" : " (no name in the capture)";
        return $"{flow}{names} [packets #{flow.FirstNumber}–#{flow.LastNumber}, {CheckReportJson.Time(flow.FirstNanos)} – {CheckReportJson.Time(flow.LastNanos)}, "
            + $"{flow.Packets} packets, {flow.Bytes} bytes]: {f.Reason}";
    }
}
