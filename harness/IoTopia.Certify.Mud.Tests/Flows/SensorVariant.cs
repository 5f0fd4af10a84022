using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>The sensor fixture with extra ACEs put first in its from-device ACL (and to-device mirror, when given), and a check against it.</summary>
public static class SensorVariant
{
    public static MudFile MudWith(JsonObject? fromAce, JsonObject? toAce = null, string? mudUrl = null) =>
        MudWith(fromAce is null ? [] : [fromAce], toAce is null ? [] : [toAce], mudUrl);

    public static MudFile MudWith(IReadOnlyList<JsonObject> fromAces, IReadOnlyList<JsonObject> toAces, string? mudUrl = null)
    {
        var result = MudValidator.Validate("variant.json", System.Text.Encoding.UTF8.GetBytes(Json(fromAces, toAces, mudUrl)));
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
        return result.Mud!;
    }

    /// <summary>The variant's text, e.g. to write it for the command line.</summary>
    public static string Json(IReadOnlyList<JsonObject> fromAces, IReadOnlyList<JsonObject> toAces, string? mudUrl = null)
    {
        var tree = JsonNode.Parse(File.ReadAllText(Sensor.MudPath))!;
        var acls = tree["ietf-access-control-list:acls"]!["acl"]!.AsArray();
        foreach (var ace in fromAces.Reverse())
            acls[0]!["aces"]!["ace"]!.AsArray().Insert(0, ace);
        foreach (var ace in toAces.Reverse())
            acls[1]!["aces"]!["ace"]!.AsArray().Insert(0, ace);
        if (mudUrl is not null)
            tree["ietf-mud:mud"]!["mud-url"] = mudUrl;
        return tree.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public static JsonObject Ace(string name, string matches, string action = "accept") =>
        new() { ["name"] = name, ["matches"] = JsonNode.Parse(matches), ["actions"] = new JsonObject { ["forwarding"] = action } };

    public static CheckReport Check(MudFile mud, DeviceTraffic traffic, CheckSettings? settings = null)
    {
        using var folder = new TempFolder();
        settings ??= Sensor.Settings();
        return FlowJudge.Judge(mud, CaptureAnalyzer.Analyze(traffic.Write(folder), settings), settings);
    }

    /// <summary>The same traffic as a Linux cooked (SLL) capture: each frame carries only its sender's MAC.</summary>
    public static CheckReport CheckCooked(MudFile mud, DeviceTraffic traffic)
    {
        using var folder = new TempFolder();
        var cooked = traffic.Packets.Select(p => (p.Micros, Cooked(p.Frame))).ToList();
        var path = folder.Write("cooked.pcap", PcapWriter.Classic(cooked, linkType: 113));
        var settings = Sensor.Settings();
        return FlowJudge.Judge(mud, CaptureAnalyzer.Analyze(path, settings), settings);
    }

    /// <summary>An Ethernet frame as Linux cooked v1 records it: packet type, ARPHRD_ETHER, the sender's MAC, the ethertype.</summary>
    private static byte[] Cooked(byte[] ethernet)
    {
        var header = new byte[16];
        var broadcast = ethernet.AsSpan(0, 6).ToArray().All(b => b == 0xFF);
        header[1] = (byte)(broadcast ? 1 : 0);
        header[3] = 1;
        header[5] = 6;
        ethernet.AsSpan(6, 6).CopyTo(header.AsSpan(6));
        ethernet.AsSpan(12, 2).CopyTo(header.AsSpan(14));
        return [.. header, .. ethernet.AsSpan(14).ToArray()];
    }
}
