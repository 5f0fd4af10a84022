using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// Reads the <c>drivers:</c> section of a rig that runs the reference device (virtual, netns) into its
/// settings: the section's own shape is the kind's, the checks and path resolution are shared.
/// </summary>
internal static class ReferenceDeviceDrivers
{
    public sealed record Parts(VirtualDriversSection.DeviceSection Device, VirtualDriversSection.SerialSection Serial, string Pki, string CaptureInterface);

    public static VirtualRigSettings? Read<TSection>(YamlMap? drivers, string rigFile, InputErrors errors, string kind, Func<TSection, Parts> parts)
    {
        if (drivers is null)
        {
            errors.Add(new InputException(new SourceLocation(rigFile, 1, 1), $"drivers: a {kind} rig needs drivers.device (project, mud-url)"));
            return null;
        }
        try
        {
            var binder = new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.Location);
            var section = parts((TSection)binder.Bind(typeof(TSection), drivers.Node, "drivers"));
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
                CaptureInterface = section.CaptureInterface,
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
