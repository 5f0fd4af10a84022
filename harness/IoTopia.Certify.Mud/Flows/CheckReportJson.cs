using System.Globalization;
using System.Text.Json.Nodes;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// A check report as JSON (what <c>certify mud check --json</c> prints and the intent suite keeps as evidence):
/// the verdict, the capture's counts, the policies applied, the emitted MUD URLs, every flow with its
/// packet numbers, times, bytes, names and deciding ACE, the ACEs no flow used, and the match leaves not modelled. Strings from the
/// capture are left as they are: escape them for whatever medium shows them.
/// </summary>
public static class CheckReportJson
{
    public static JsonObject Build(CheckReport report)
    {
        var capture = report.Capture;
        return new JsonObject
        {
            ["verdict"] = Name(report.Verdict),
            ["reason"] = report.Reason,
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
            ["unmodelledLeaves"] = new JsonArray(report.UnmodelledLeaves.Select(u => (JsonNode?)new JsonObject
            {
                ["acl"] = u.Ace.Acl,
                ["ace"] = u.Ace.Ace,
                ["leaf"] = u.Leaf.Leaf,
                ["rfc8519"] = u.Leaf.Known,
                ["line"] = u.Leaf.Location.Line,
            }).ToArray()),
        };
    }

    public static string Name(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Compliant => "compliant",
        CheckVerdict.Violations => "violations",
        CheckVerdict.Inconclusive => "inconclusive",
        _ => "bad-input",
    };

    public static JsonObject Flow(JudgedFlow f)
    {
        var flow = f.Flow;
        return new JsonObject
        {
            ["outcome"] = f.Outcome switch
            {
                FlowOutcome.Allowed => "allowed",
                FlowOutcome.Violation => "violation",
                FlowOutcome.RefusedInbound => "refused-inbound",
                FlowOutcome.Inconclusive => "inconclusive",
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
                ["policy"] = d.Direction == Model.Direction.FromDevice ? "from-device" : "to-device",
                ["allowed"] = d.Allowed,
                ["undecided"] = d.Undecided,
                ["acl"] = d.DecidedBy is { IsDefault: false } r ? r.Acl : null,
                ["ace"] = d.DecidedBy?.Ace,
                ["reason"] = d.Reason,
            }).ToArray()),
        };
    }

    /// <summary>UTC with microseconds, e.g. 2026-11-24T10:00:00.123456Z (the round-trip format, cut to six decimals: its fast path).</summary>
    public static string Time(long nanos)
    {
        Span<char> text = stackalloc char[40];
        DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).UtcDateTime.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
        // "O" gives yyyy-MM-ddTHH:mm:ss.fffffffZ (seven decimals) for years 0001–9999
        return written == 28 ? string.Concat(text[..26], "Z") : DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)i).ToArray());
}
