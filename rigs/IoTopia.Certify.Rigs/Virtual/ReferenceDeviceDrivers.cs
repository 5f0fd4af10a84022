using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Restore;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// Reads the <c>drivers:</c> section of a rig that runs the reference device (virtual, netns) into its
/// settings: the section's own shape is the kind's, the checks and path resolution are shared. Names the
/// drivers such a rig builds, alike before the start (lint, <c>certify list rig</c>) and when built.
/// </summary>
internal static class ReferenceDeviceDrivers
{
    public const string ConsoleName = "serial console on a socat pty pair";
    public const string PowerName = "device process power (start, SIGKILL)";
    public const string RestoreName = "state dir reset to the factory image";
    public const string CaptureName = "live capture (SharpPcap)";

    public static string LabServiceName(string service) => $"lab service '{service}'";

    /// <summary>The drivers of a reference-device rig: console, power, restore, capture on <paramref name="captureInterface"/>, its network's lab services, the HTTPS host, the MUD server and the update server.</summary>
    public static IReadOnlyList<DriverBinding> Bindings(object? settings, string captureInterface, string lab, params (Type Driver, string Name)[] networkServices) =>
        settings is not VirtualRigSettings s
            ? []
            :
            [
                new(typeof(SerialConsole), ConsoleName, "rig/serial-harness"),
                new(typeof(VirtualPower), PowerName, s.DeviceProject),
                new(typeof(FactoryImageRestore), RestoreName, "rig/factory-image"),
                new(typeof(LiveCapture), CaptureName, captureInterface),
                .. networkServices.Select(n => new DriverBinding(n.Driver, LabServiceName(n.Name), lab)),
                new(typeof(LabHttpsHost), LabServiceName("https"), lab),
                new(typeof(LabMudServer), LabServiceName("mud"), lab),
                new(typeof(LabUpdateServer), LabServiceName("update"), lab),
            ];

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
