using System.Net;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>Reads <c>drivers.lab</c> of a bench rig file into its <see cref="BenchLabNetwork"/>, every problem at file:line.</summary>
internal static class BenchLabReader
{
    /// <returns>the lab network, or null when the file has none or it is wrong (the problems are in <paramref name="errors"/>)</returns>
    public static BenchLabNetwork? Read(YamlMap drivers, string rigFile, bool hasMud, InputErrors errors)
    {
        try
        {
            if (drivers.Get("lab") is not { } node)
                return null;
            var section = (BenchLabSection)new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.LocationOf("lab"))
                .Bind(typeof(BenchLabSection), node, "drivers.lab");
            if (section.Services.Contains(BenchLabService.Mud) && !hasMud)
                throw new InputException(drivers.LocationOf("lab"), "drivers.lab.services: mud serves the manufacturer's files of drivers.mud; give drivers.mud (file, signature, trust-anchor)");
            if (drivers.Has("capture"))
                throw new InputException(drivers.LocationOf("capture"), $"drivers.capture: the lab network (drivers.lab) captures on its interface {section.Interface}, filtered to the DUT; leave drivers.capture out");
            var layout = section.Layout()!; // Validate() has checked it
            var folder = Path.GetDirectoryName(Path.GetFullPath(rigFile))!;
            return new BenchLabNetwork
            {
                Interface = section.Interface,
                Layout = layout,
                LocalNetworks = section.LocalNetworks.Count > 0 ? [.. section.LocalNetworks.Select(IPNetwork.Parse)] : [layout.Network],
                Services = section.Services.ToHashSet(),
                DhcpServer = section.EffectiveDhcpServer,
                PkiFolder = Path.GetFullPath(Path.Combine(folder, section.Pki)),
            };
        }
        catch (InputException e)
        {
            errors.Add(e);
            return null;
        }
    }
}
