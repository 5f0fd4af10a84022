using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>The committed fixture broadcast-sensor.json: a door sensor whose MUD file allows its UDP 6667 discovery and mDNS by local-networks.</summary>
public static class DoorSensor
{
    public const int DiscoveryPort = 6667;
    public const string BroadcastMac = "ff:ff:ff:ff:ff:ff";

    public static string MudPath => TestData.Fixture("broadcast-sensor.json");

    public static MudFile Mud()
    {
        var result = MudValidator.ValidateFile(MudPath);
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
        return result.Mud!;
    }

    public static CheckReport Check(DeviceTraffic traffic, CheckSettings? settings = null)
    {
        using var folder = new TempFolder();
        var path = traffic.Write(folder);
        settings ??= Sensor.Settings();
        return FlowJudge.Judge(Mud(), CaptureAnalyzer.Analyze(path, settings), settings);
    }

    public static CheckSettings WithLocalNetworks(params string[] networks) =>
        Sensor.Settings(s => s with { LocalNetworks = networks.Select(System.Net.IPNetwork.Parse).ToList() });
}
