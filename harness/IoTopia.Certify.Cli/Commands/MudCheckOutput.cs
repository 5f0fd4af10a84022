using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Flows;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>Prints the outcome of <c>certify mud check</c>. Names, SNI and URLs came from the capture: escaped for the terminal.</summary>
public static class MudCheckOutput
{
    public static void WriteText(TextWriter output, CheckReport report, MudCheckRequest request)
    {
        var capture = report.Capture;
        output.WriteLine($"MUD check of {Safe(request.Pcap)} ({capture.Format}, {capture.Packets} packets) against {Safe(request.Mud ?? "")}");
        output.WriteLine($"device {report.Capture.Device}: {capture.DevicePackets} packets ({capture.DevicePacketsSent} sent by it)");
        output.WriteLine("policies applied:");
        foreach (var policy in report.Policies)
            output.WriteLine($"  - {Safe(policy, 600)}");
        foreach (var s in report.DeviceMudUrls)
            output.WriteLine($"MUD URL emitted: {Safe(s.Url)} via {s.ChannelName} (packet {s.PacketNumber})");
        foreach (var note in report.MudUrlNotes)
            output.WriteLine($"MUD URL note: {Safe(note, 600)}");
        Section(output, "allowed flows", report.Allowed, f => $"  {Describe(f)}\n      {string.Join("; ", f.Directions.Select(d => $"{Policy(d)}: {d.DecidedBy}"))}");
        Section(output, "VIOLATIONS", report.Violations, f => $"  {Describe(f)}\n      {Safe(f.Reason, 600)}");
        Section(output, "refused inbound (not violations)", report.RefusedInbound, f => $"  {Describe(f)}");
        Section(output, "infrastructure (not judged)", report.Infrastructure, f => $"  {f.Flow.Category}: {Peer(f.Flow)} {Counts(f.Flow)}");
        output.WriteLine(report.UnusedAces.Count == 0 ? "ACEs no flow used: none" : $"ACEs no flow used ({report.UnusedAces.Count}):");
        foreach (var ace in report.UnusedAces)
            output.WriteLine($"  {Safe(ace.ToString())}");
        if (capture.FragmentsNotJudged > 0)
            output.WriteLine($"non-first IP fragments not judged: {capture.FragmentsNotJudged}");
        output.WriteLine($"verdict: {Name(report.Verdict)} ({Safe(report.Reason, 600)})");
    }

    public static void WriteJson(TextWriter output, CheckReport report, MudCheckRequest request)
    {
        var capture = report.Capture;
        var json = new JsonObject
        {
            ["verdict"] = Name(report.Verdict),
            ["reason"] = report.Reason,
            ["mud"] = request.Mud,
            ["pcap"] = request.Pcap,
            ["capture"] = new JsonObject
            {
                ["format"] = capture.Format,
                ["packets"] = capture.Packets,
                ["devicePackets"] = capture.DevicePackets,
                ["devicePacketsSent"] = capture.DevicePacketsSent,
                ["probePacketsExcluded"] = capture.ProbePacketsExcluded,
                ["fragmentsNotJudged"] = capture.FragmentsNotJudged,
                ["reportedDrops"] = capture.ReportedDrops,
                ["error"] = capture.Error is { } e ? new JsonObject { ["message"] = e.Message, ["offset"] = e.Offset } : null,
            },
            ["device"] = new JsonObject
            {
                ["selector"] = capture.Device.ToString(),
                ["addresses"] = Array(capture.DeviceAddresses.Select(a => a.ToString())),
            },
            ["policies"] = Array(report.Policies),
            ["mudUrls"] = new JsonArray(report.DeviceMudUrls.Select(s => (JsonNode?)new JsonObject
            {
                ["channel"] = s.ChannelName,
                ["url"] = s.Url,
                ["packet"] = s.PacketNumber,
                ["problems"] = Array(s.Problems),
            }).ToArray()),
            ["mudUrlNotes"] = Array(report.MudUrlNotes),
            ["flows"] = new JsonArray(report.Flows.Select(Flow).ToArray<JsonNode?>()),
            ["unusedAces"] = new JsonArray(report.UnusedAces.Select(a => (JsonNode?)new JsonObject { ["acl"] = a.Acl, ["ace"] = a.Ace }).ToArray()),
        };
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static string Name(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Compliant => "compliant",
        CheckVerdict.Violations => "violations",
        CheckVerdict.Inconclusive => "inconclusive",
        _ => "bad-input",
    };

    private static JsonObject Flow(JudgedFlow f)
    {
        var flow = f.Flow;
        return new JsonObject
        {
            ["outcome"] = f.Outcome switch
            {
                FlowOutcome.Allowed => "allowed",
                FlowOutcome.Violation => "violation",
                FlowOutcome.RefusedInbound => "refused-inbound",
                _ => "infrastructure",
            },
            ["category"] = flow.Category,
            ["protocol"] = flow.ProtocolName,
            ["device"] = flow.Key.Device.IsNone ? null : flow.Key.Device.ToString(),
            ["devicePort"] = flow.Key.Protocol is 6 or 17 ? flow.Key.DevicePort : null,
            ["remote"] = flow.Key.Remote.IsNone ? flow.RemoteMac.ToString() : flow.Key.Remote.ToString(),
            ["remotePort"] = flow.Key.Protocol is 6 or 17 ? flow.Key.RemotePort : null,
            ["initiator"] = flow.Initiator switch { Side.Device => "device", Side.Remote => "remote", _ => "unknown" },
            ["initiatorUnknown"] = flow.InitiatorUnknown,
            ["names"] = Array(f.Names.Select(n => n.ToString())),
            ["nameSource"] = f.NameSource,
            ["sni"] = flow.Sni,
            ["firstPacket"] = flow.FirstNumber,
            ["lastPacket"] = flow.LastNumber,
            ["firstTime"] = Time(flow.FirstNanos),
            ["lastTime"] = Time(flow.LastNanos),
            ["packets"] = flow.Packets,
            ["bytes"] = flow.Bytes,
            ["packetsFromDevice"] = flow.PacketsFromDevice,
            ["packetsToDevice"] = flow.PacketsToDevice,
            ["directions"] = new JsonArray(f.Directions.Select(d => (JsonNode?)new JsonObject
            {
                ["policy"] = Policy(d),
                ["allowed"] = d.Allowed,
                ["acl"] = d.DecidedBy is { IsDefault: false } r ? r.Acl : null,
                ["ace"] = d.DecidedBy?.Ace,
                ["reason"] = d.Reason,
            }).ToArray()),
        };
    }

    private static string Describe(JudgedFlow f)
    {
        var flow = f.Flow;
        var names = f.Names.Count > 0 ? $" reached by {Safe(string.Join(", ", f.NameTexts.Take(3)))}{(f.NameSource == "tls-sni" ? " (TLS SNI)" : "")}" : flow.Sni is { } sni ? $" (SNI {Safe(sni)})" : "";
        var initiator = flow.InitiatorUnknown ? " initiator-unknown" : flow.Initiator == Side.Remote ? " started by the remote" : "";
        return $"{Safe(flow.ToString())}{names}{initiator} {Counts(flow)}";
    }

    private static string Counts(Flow flow) =>
        $"[packets #{flow.FirstNumber}–#{flow.LastNumber}, {Time(flow.FirstNanos)} – {Time(flow.LastNanos)}, {flow.Packets} packets, {flow.Bytes} bytes]";

    private static string Peer(Flow flow) => flow.Key.Remote.IsNone ? (flow.Key.RemoteMac.IsNone ? flow.RemoteMac.ToString() : flow.Key.RemoteMac.ToString()) : flow.Key.Remote.ToString();

    private static string Policy(DirectionJudgement d) => d.Direction == Mud.Model.Direction.FromDevice ? "from-device" : "to-device";

    private static string Time(long nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Section(TextWriter output, string title, IEnumerable<JudgedFlow> flows, Func<JudgedFlow, string> line)
    {
        var list = flows.ToList();
        output.WriteLine($"{title}: {list.Count}");
        foreach (var f in list)
            output.WriteLine(line(f));
    }

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)i).ToArray());

    private static string Safe(string text, int limit = 300) => DeviceText.ForTerminal(text, limit);
}
