using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Wire.Flows;

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
        Section(output, "allowed flows", report.Allowed, (o, f) =>
        {
            // Thousands of lines: written piece by piece, not built as one string each.
            o.Write("  ");
            o.Write(Describe(f));
            o.Write("\n      ");
            for (var i = 0; i < f.Directions.Count; i++)
            {
                var d = f.Directions[i];
                o.Write(i == 0 ? "" : "; ");
                o.Write(Policy(d));
                o.Write(": ");
                o.Write(d.DecidedBy?.ToString());
            }
            o.WriteLine();
        });
        Section(output, "VIOLATIONS", report.Violations, (o, f) => o.WriteLine($"  {Describe(f)}\n      {Safe(f.Reason, 600)}"));
        Section(output, "INCONCLUSIVE (cannot be decided)", report.Inconclusive, (o, f) => o.WriteLine($"  {Describe(f)}\n      {Safe(f.Reason, 600)}"));
        Section(output, "refused inbound (not violations)", report.RefusedInbound, (o, f) => o.WriteLine($"  {Describe(f)}"));
        Section(output, "infrastructure (not judged)", report.Infrastructure, (o, f) => o.WriteLine($"  {f.Flow.Category}: {Peer(f.Flow)} {Counts(f.Flow)}"));
        output.WriteLine(report.UnusedAces.Count == 0 ? "ACEs no flow used: none" : $"ACEs no flow used ({report.UnusedAces.Count}):");
        foreach (var ace in report.UnusedAces)
            output.WriteLine($"  {Safe(ace.ToString())}");
        output.WriteLine(report.UnmodelledLeaves.Count == 0 ? "match leaves not modelled: none" : $"match leaves not modelled ({report.UnmodelledLeaves.Count}):");
        foreach (var u in report.UnmodelledLeaves)
            output.WriteLine($"  {Safe(u.Ace.ToString())}: {Safe(u.Leaf.Leaf)} (line {u.Leaf.Location.Line}; {(u.Leaf.Known ? "RFC 8519" : "not known to this checker")})");
        if (capture.FragmentsNotJudged > 0)
            output.WriteLine($"non-first IP fragments not judged: {capture.FragmentsNotJudged}");
        output.WriteLine($"verdict: {Name(report.Verdict)} ({Safe(report.Reason, 600)})");
    }

    public static void WriteJson(TextWriter output, CheckReport report, MudCheckRequest request)
    {
        var built = CheckReportJson.Build(report);
        var json = new JsonObject
        {
            ["verdict"] = built["verdict"]!.DeepClone(),
            ["reason"] = built["reason"]!.DeepClone(),
            ["mud"] = request.Mud,
            ["pcap"] = request.Pcap,
        };
        foreach (var (key, value) in built.Where(kv => kv.Key is not ("verdict" or "reason")).ToList())
            json[key] = value?.DeepClone();
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static string Name(CheckVerdict verdict) => CheckReportJson.Name(verdict);

    private static string Describe(JudgedFlow f)
    {
        var flow = f.Flow;
        var names = f.Names.Count > 0 ? $" reached by {Safe(f.Names.Count == 1 ? f.Names[0].Name : string.Join(", ", f.NameTexts.Take(3)))}{(f.NameSource == "tls-sni" ? " (TLS SNI)" : "")}" : flow.Sni is { } sni ? $" (SNI {Safe(sni)})" : "";
        var initiator = flow.InitiatorUnknown ? " initiator-unknown" : flow.Initiator == Side.Remote ? " started by the remote" : "";
        var category = flow.Category is { } c ? $"{c}: " : "";
        return $"{category}{Safe(flow.ToString())}{names}{initiator} {Counts(flow)}";
    }

    private static string Counts(Flow flow) =>
        $"[packets #{flow.FirstNumber}–#{flow.LastNumber}, {Time(flow.FirstNanos)} – {Time(flow.LastNanos)}, {flow.Packets} packets, {flow.Bytes} bytes]";

    private static string Peer(Flow flow) => flow.Key.Remote.IsNone ? (flow.Key.RemoteMac.IsNone ? flow.RemoteMac.ToString() : flow.Key.RemoteMac.ToString()) : flow.Key.Remote.ToString();

    private static string Policy(DirectionJudgement d) => d.Direction == Mud.Model.Direction.FromDevice ? "from-device" : "to-device";

    private static string Time(long nanos) => CheckReportJson.Time(nanos);

    private static void Section(TextWriter output, string title, IEnumerable<JudgedFlow> flows, Action<TextWriter, JudgedFlow> write)
    {
        var list = flows.ToList();
        output.WriteLine($"{title}: {list.Count}");
        foreach (var f in list)
            write(output, f);
    }

    private static string Safe(string text, int limit = 300) => DeviceText.ForTerminal(text, limit);
}
