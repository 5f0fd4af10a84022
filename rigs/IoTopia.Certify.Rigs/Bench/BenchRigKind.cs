using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// <c>kind: bench</c> — a real device on a real bench: a serial adapter, a switched power line (any
/// relay, PDU or lab supply driven by commands, or a relay board on a serial port), a restore by command
/// or by the operator, and capture on the bench's second network card.
/// </summary>
public sealed class BenchRigKind : RigKind
{
    public override string Name => "bench";

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors)
    {
        if (drivers is null)
            return new BenchDriversSection();
        try
        {
            var binder = new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.Location);
            var section = (BenchDriversSection)binder.Bind(typeof(BenchDriversSection), drivers.Node, "drivers");
            foreach (var key in drivers.Keys)
                drivers.Get(key);
            if (section.Power is { Kind: BenchDriversSection.PowerKind.Exec } exec && (exec.On is null || exec.Off is null))
                errors.Add(new InputException(drivers.LocationOf("power"), "drivers.power: kind exec needs on: and off: commands"));
            if (section.Power is { Kind: BenchDriversSection.PowerKind.SerialRelay } relay && (relay.Port is null || relay.On is null || relay.Off is null))
                errors.Add(new InputException(drivers.LocationOf("power"), "drivers.power: kind serial-relay needs port:, on: and off: (hex bytes)"));
            if (section.Restore is { Kind: BenchDriversSection.RestoreKind.Command, Command: null })
                errors.Add(new InputException(drivers.LocationOf("restore"), "drivers.restore: kind command needs command:"));
            return section.Mud is { } mud ? WithMudPaths(section, mud, Path.GetDirectoryName(Path.GetFullPath(rigFile))!) : section;
        }
        catch (InputException e)
        {
            errors.Add(e);
            return null;
        }
    }

    /// <summary>The mud: paths made absolute, relative to the rig file (their existence is checked when the rig starts).</summary>
    private static BenchDriversSection WithMudPaths(BenchDriversSection section, BenchDriversSection.MudSection mud, string folder) => new()
    {
        Serial = section.Serial,
        Power = section.Power,
        Restore = section.Restore,
        Capture = section.Capture,
        Mud = new BenchDriversSection.MudSection
        {
            File = Path.GetFullPath(Path.Combine(folder, mud.File)),
            Signature = mud.Signature is null ? null : Path.GetFullPath(Path.Combine(folder, mud.Signature)),
            TrustAnchor = Path.GetFullPath(Path.Combine(folder, mud.TrustAnchor)),
        },
    };

    public override RigRuntime Create(RigDescription description) => new BenchRig(description, (BenchDriversSection)description.Drivers!);
}
