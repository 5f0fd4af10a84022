using System.Net;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>The committed fixture MUD file flows-sensor.json and a check of scripted traffic against it.</summary>
public static class Sensor
{
    public const string Api = "api.sensor.example";
    public const string ApiEdge = "edge.cdn.example";
    public const string ApiIp = "203.0.113.10";
    public const string TelemetryIp = "203.0.113.20";

    public static string MudPath => TestData.Fixture("flows-sensor.json");

    public static MudFile Mud() => Load(MudPath);

    /// <summary>A committed fixture MUD file, which must be valid.</summary>
    public static MudFile Load(string path)
    {
        var result = MudValidator.ValidateFile(path);
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
        return result.Mud!;
    }

    /// <summary>The device resolves its API through a CNAME chain and opens a TLS connection to it.</summary>
    public static DeviceTraffic Compliant() => new DeviceTraffic()
        .Resolve(Api, (Api, "CNAME", ApiEdge), (ApiEdge, "A", ApiIp))
        .DeviceConnects(ApiIp, 443, sni: Api);

    public static CheckSettings Settings(Func<CheckSettings, CheckSettings>? change = null)
    {
        MacAddr.TryParse(DeviceTraffic.DeviceMac, out var mac);
        var settings = new CheckSettings { Device = DeviceSelector.ByMac(mac) };
        return change is null ? settings : change(settings);
    }

    public static CheckReport Check(DeviceTraffic traffic, CheckSettings? settings = null) => SensorVariant.Check(Mud(), traffic, settings);

    public static IpAddr Ip(string text) => IpAddr.From(IPAddress.Parse(text));

    public static JudgedFlow To(this CheckReport report, string remote, int? port = null) =>
        report.Flows.Single(f => f.Flow.Key.Remote == Ip(remote) && (port is null || f.Flow.Key.RemotePort == port) && f.Flow.Category is null);

    public static string Describe(CheckReport report) =>
        string.Join("\n", report.Flows.Select(f => $"{f.Outcome} {f.Flow} {f.Reason} {string.Join(",", f.Directions.Select(d => d.DecidedBy))}"));
}
