using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>--device-mac</c> and <c>--device-ip</c>, shared by <c>mud check</c> and <c>mud draft</c>.</summary>
public sealed record DeviceOptions(Option<string> Mac, Option<string> Ip)
{
    public static DeviceOptions Create() => new(
        new Option<string>("--device-mac") { Description = "the device's MAC address (its frames are the device's)" },
        new Option<string>("--device-ip") { Description = "the device's IP address (for loopback or raw-IP captures)" });
}
