using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// <c>kind: virtual</c> — the reference device from fixtures/ as its own process on this machine, reached
/// through real drivers: a socat pty for its console, SIGKILL for power, its own loopback subnet, lab
/// services, and packet capture on lo.
/// </summary>
public sealed class VirtualRigKind : RigKind
{
    public override string Name => "virtual";

    public override bool SupportsPersonalities => true;

    /// <summary>Packet capture needs root (or CAP_NET_RAW); without it scenarios needing capture are skipped (capability-missing).</summary>
    public override IReadOnlyList<string> Available(IReadOnlyList<string> declared) =>
        Environment.IsPrivilegedProcess ? declared : declared.Where(c => c != "capture").ToList();

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors)
    {
        if (drivers is null)
        {
            errors.Add($"{rigFile}: drivers: a virtual rig needs drivers.device (project, mud-url)");
            return null;
        }
        try
        {
            var binder = new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.Location);
            var section = (VirtualDriversSection)binder.Bind(typeof(VirtualDriversSection), drivers.Node, "drivers");
            foreach (var key in drivers.Keys)
                drivers.Get(key);
            var folder = Path.GetDirectoryName(Path.GetFullPath(rigFile))!;
            if (!section.Device.MudUrl.StartsWith("https://", StringComparison.Ordinal))
                errors.Add(new InputException(drivers.Location, "drivers.device.mud-url: must be an https URL (RFC 8520)"));
            return new VirtualRigSettings
            {
                DeviceProject = Path.GetFullPath(Path.Combine(folder, section.Device.Project)),
                MudUrl = section.Device.MudUrl,
                CloudNames = section.Device.CloudNames,
                TelemetryPeriod = section.Device.TelemetryPeriod,
                BootDelay = section.Device.BootDelay,
                Baud = section.Serial.Baud,
                CaptureInterface = section.Capture.Interface,
                PkiFolder = Path.GetFullPath(Path.Combine(folder, section.Pki)),
            };
        }
        catch (InputException e)
        {
            errors.Add(e);
            return null;
        }
    }

    public override RigRuntime Create(RigDescription description) => new VirtualRig(description, (VirtualRigSettings)description.Drivers!);
}
