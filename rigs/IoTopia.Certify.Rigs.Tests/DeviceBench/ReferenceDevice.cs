using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>The reference device from fixtures/, built by its project reference, started as the virtual rig starts it.</summary>
internal static class ReferenceDevice
{
    public const string Model = "RD-1";
    public const string SerialNumber = "RD1-RIGS-0001";
    public const string User = "admin";
    public const string ShellPrompt = "rd> ";
    public const string Banner = @"\[boot\] model=(?<model>\S+) serial=(?<serial>\S+) firmware=(?<firmware>\S+) slot=(?<slot>[AB])";

    /// <summary>The documented label password (fixtures/README.md), computed here independently of the device.</summary>
    public static string FactoryPassword { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("IoTopia-RD factory password " + SerialNumber)))[..12];

    public static string Dll =>
        File.Exists(BuiltPrograms.ReferenceDeviceDll)
            ? BuiltPrograms.ReferenceDeviceDll
            : throw new FileNotFoundException("the reference device is not built (it is a project reference of this test project)", BuiltPrograms.ReferenceDeviceDll);

    /// <summary>Writes the device's config for a bench; the device's address is on a loopback subnet of its own.</summary>
    public static string WriteConfig(string directory, string personality, string stateDir, string serialDevice)
    {
        var slot = Random.Shared.Next(200, 250);
        var ip = IPAddress.Parse($"127.77.{slot}.2");
        var config = new JsonObject
        {
            ["configVersion"] = 1,
            ["model"] = Model,
            ["serialNumber"] = SerialNumber,
            ["firmwareVersion"] = "1.0.0",
            ["personality"] = personality,
            ["stateDir"] = stateDir,
            ["serialDevice"] = serialDevice,
            ["ipAddress"] = ip.ToString(),
            ["labAddress"] = $"127.77.{slot}.1",
            ["labDnsPort"] = 20053,
            ["labDhcpPort"] = 20067,
            ["webHttpsPort"] = FreeTcpPort(ip),
            ["mudUrl"] = "https://mud.lab.example/rd-1.json",
        };
        var path = Path.Combine(directory, "device.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    public static ProcessStartInfo StartInfo(string configPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private static int FreeTcpPort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
