using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// <c>kind: bench</c> — a real device on a real bench. Each driver slot (<c>serial</c>, <c>power</c>,
/// <c>restore</c>, <c>capture</c>) names its backend with <c>kind:</c>, picked from the backends found by
/// <see cref="DriverBackendAttribute"/>; <c>drivers.lab</c> names the DUT-facing network (capture there, and the
/// lab services the harness runs on it); the rig's capabilities are those of the drivers configured.
/// </summary>
public sealed class BenchRigKind(DriverBackends backends) : RigKind
{
    /// <summary>The driver slots, in the order they are built; serial and capture default to their one usual backend.</summary>
    public static readonly IReadOnlyList<(string Slot, string? DefaultKind)> Slots =
        [("serial", TtyConsoleBackend.Kind), ("power", null), ("restore", null), ("capture", LiveCaptureBackend.Kind)];

    public BenchRigKind()
        : this(DriverBackends.Default)
    {
    }

    public override string Name => "bench";

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors)
    {
        if (drivers is null)
            return new BenchSettings();
        var configured = Slots.Select(s => backends.Read(drivers, s.Slot, s.DefaultKind, errors, s.Slot == "power" ? PowerSlotKeys : null))
            .OfType<ConfiguredDriver>().ToList();
        var atEnd = ReadPowerAtEnd(drivers, errors);
        ManufacturerMud? mud = null;
        try
        {
            if (drivers.Get("mud") is { } node)
            {
                var section = (BenchMudSection)new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.Location)
                    .Bind(typeof(BenchMudSection), node, "drivers.mud");
                mud = Manufacturer(section, rigFile);
            }
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        var lab = BenchLabReader.Read(drivers, rigFile, hasMud: drivers.Has("mud"), errors);
        drivers.RejectUnknownKeys(errors);
        return new BenchSettings
        {
            Drivers = configured,
            Lab = lab,
            Mud = mud,
            PowerAtEnd = atEnd,
            CaptureDutAddress = configured.Select(c => c.Options).OfType<LiveCaptureBackend.Options>()
                .Select(o => System.Net.IPAddress.TryParse(o.DutAddress, out var address) ? address : null).FirstOrDefault(),
        };
    }

    /// <summary>Keys of <c>drivers.power</c> whatever its backend.</summary>
    private static readonly IReadOnlySet<string> PowerSlotKeys = new HashSet<string>(["at-end"]);

    /// <summary><c>drivers.power.at-end</c>: off (the default) or leave; anything else is an error at its line.</summary>
    private static PowerAtEnd ReadPowerAtEnd(YamlMap drivers, InputErrors errors)
    {
        try
        {
            if (drivers.Map("power") is not { } power || power.String("at-end") is not { } text)
                return PowerAtEnd.Off;
            return text switch
            {
                "off" => PowerAtEnd.Off,
                "leave" => PowerAtEnd.Leave,
                _ => throw new InputException(power.LocationOf("at-end"), $"drivers.power.at-end: '{text}' is not off or leave (what the DUT's power is when the run ends; default off)"),
            };
        }
        catch (InputException e)
        {
            errors.Add(e);
            return PowerAtEnd.Off;
        }
    }

    public override IReadOnlyList<DriverBinding> Bindings(object? drivers) =>
        drivers is BenchSettings settings ? [.. settings.Drivers.Select(d => d.Binding), .. settings.Lab?.Bindings(settings.Mud) ?? []] : [];

    /// <summary>The lab network needs root (addresses, ports below 1024, dnsmasq, capture): without it its capabilities are not available here.</summary>
    public override IReadOnlyList<string> Available(IReadOnlyList<string> given) =>
        Environment.IsPrivilegedProcess ? given : [.. given.Where(c => c is not ("capture" or "dns" or "dhcp" or "lab-http" or "time"))];

    public override IEnumerable<string> Problems(RigDescription description)
    {
        if (description.Drivers is not BenchSettings { Lab: { OnLoopback: false } lab })
            yield break;
        BenchMac.Parse(description.Dut.Facts.GetValueOrDefault("mac"), lab.Interface, out var problem);
        if (problem is not null)
            yield return problem;
    }

    public override RigRuntime Create(RigDescription description)
    {
        var settings = (BenchSettings)description.Drivers!;
        var mac = settings.Lab is { OnLoopback: false } lab ? BenchMac.Parse(description.Dut.Facts.GetValueOrDefault("mac"), lab.Interface, out _) : null;
        return new BenchRig(description, settings, mac);
    }

    /// <summary>The mud: paths made absolute, relative to the rig file (their existence is checked when the rig starts).</summary>
    private static ManufacturerMud Manufacturer(BenchMudSection mud, string rigFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(rigFile))!;
        return new ManufacturerMud
        {
            MudFile = Path.GetFullPath(Path.Combine(folder, mud.File)),
            Signature = mud.Signature is null ? null : Path.GetFullPath(Path.Combine(folder, mud.Signature)),
            TrustAnchor = mud.TrustAnchor is null ? null : Path.GetFullPath(Path.Combine(folder, mud.TrustAnchor)),
            Origin = $"the manufacturer's files named by {rigFile} (drivers.mud)",
        };
    }
}
