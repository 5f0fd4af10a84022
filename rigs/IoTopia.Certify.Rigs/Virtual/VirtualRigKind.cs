using IoTopia.Certify.Harness.Drivers;
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

    public override IReadOnlyDictionary<string, string> Options => ReferenceDeviceOptions.Accepted;

    /// <summary>Packet capture needs root (or CAP_NET_RAW); without it scenarios needing capture are skipped (capability-missing).</summary>
    public override IReadOnlyList<string> Available(IReadOnlyList<string> given) =>
        Environment.IsPrivilegedProcess ? given : given.Where(c => c != "capture").ToList();

    public override IReadOnlyList<DriverBinding> Bindings(object? drivers) =>
        ReferenceDeviceDrivers.Bindings(drivers, (drivers as VirtualRigSettings)?.CaptureInterface ?? "lo", "127.77.<slot>.1",
            (typeof(Lab.Dns.LabDnsResolver), "dns"), (typeof(Lab.Dhcp.LabDhcpListener), "dhcp"));

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors) =>
        ReferenceDeviceDrivers.Read<VirtualDriversSection>(drivers, rigFile, errors, Name, s => new(s.Device, s.Serial, s.Pki, s.Capture.Interface));

    public override RigRuntime Create(RigDescription description) => new VirtualRig(description, (VirtualRigSettings)description.Drivers!);
}
