using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// <c>kind: netns</c> — the reference device behind a veth pair in network namespaces the harness creates:
/// dnsmasq serves it real broadcast DHCP and DNS, capture is on the veth, its MAC is fixed (<c>dut.mac</c>).
/// A run re-executes itself inside the lab namespace (<see cref="NetnsIsolation"/>). Without root nothing
/// can be made: the run stays here and every scenario is <c>error</c>, saying so.
/// </summary>
public sealed class NetnsRigKind : RigKind
{
    public override string Name => "netns";

    public override IReadOnlyDictionary<string, string> Options => ReferenceDeviceOptions.Accepted;

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors) =>
        ReferenceDeviceDrivers.Read<NetnsDriversSection>(drivers, rigFile, errors, Name, s => new(s.Device, s.Serial, s.Pki, NetnsLayout.LabInterface));

    public override IReadOnlyList<DriverBinding> Bindings(object? drivers) =>
        ReferenceDeviceDrivers.Bindings(drivers, NetnsLayout.LabInterface, "10.77.<slot>.1 in iotc<slot>-lab",
            (typeof(Lab.Dns.LabDnsResolver), "dns"), (typeof(Lab.Dhcp.DhcpWireObserver), "dhcp"));

    public override IEnumerable<string> Problems(RigDescription description)
    {
        NetnsLayout.ParseMac(description.Dut.Facts.GetValueOrDefault("mac"), out var problem);
        return problem is null ? [] : [problem];
    }

    public override RunIsolation? Isolation(RigDescription description)
    {
        if (Environment.GetEnvironmentVariable(NetnsLayout.SlotVariable) is not null)
            return null; // already inside: this is the run
        if (!Environment.IsPrivilegedProcess)
            return null; // nothing can be made; the rig's start says why and every scenario is error
        return new NetnsIsolation(Mac(description));
    }

    public override RigRuntime Create(RigDescription description) =>
        new NetnsRig(description, (VirtualRigSettings)description.Drivers!, Mac(description));

    private static System.Net.NetworkInformation.PhysicalAddress Mac(RigDescription description) =>
        NetnsLayout.ParseMac(description.Dut.Facts.GetValueOrDefault("mac"), out var problem) ?? throw new InvalidOperationException(problem);
}
