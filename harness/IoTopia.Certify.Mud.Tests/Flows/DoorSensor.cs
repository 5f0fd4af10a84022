using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>The committed fixture broadcast-sensor.json: a door sensor whose MUD file allows its UDP 6667 discovery and mDNS by local-networks.</summary>
public static class DoorSensor
{
    public const int DiscoveryPort = 6667;
    public const string BroadcastMac = "ff:ff:ff:ff:ff:ff";

    public static string MudPath => TestData.Fixture("broadcast-sensor.json");

    public static MudFile Mud() => Sensor.Load(MudPath);

    public static CheckReport Check(DeviceTraffic traffic, CheckSettings? settings = null) => SensorVariant.Check(Mud(), traffic, settings);

    public static CheckSettings WithLocalNetworks(params string[] networks) =>
        Sensor.Settings(s => s with { LocalNetworks = networks.Select(System.Net.IPNetwork.Parse).ToList() });
}
