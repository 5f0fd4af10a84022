using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// The netns rig at run time, inside the lab namespace that <see cref="NetnsIsolation"/> made: the reference
/// device bench with the device in <c>iotcN-dut</c> behind <c>dut0</c> (its config says: DHCP client on
/// dut0, only 10.77.N.0/24 allowed), dnsmasq on <c>lab0</c> for broadcast DHCP and DNS (forwarding to the lab
/// resolver, which still answers every name and logs every query), the DHCP exchange read off the wire,
/// and capture on <c>lab0</c> by the DUT's MAC and address.
/// </summary>
public sealed class NetnsRig(RigDescription description, VirtualRigSettings settings, PhysicalAddress dutMac) : ReferenceDeviceRig(description, settings)
{
    /// <summary>The lab resolver's port behind dnsmasq (inside the lab namespace, on the lab address).</summary>
    public const int ResolverPort = 5053;

    private NetnsLayout? _layout;

    public override PhysicalAddress? DutMac => dutMac;

    private NetnsLayout Layout => _layout ?? throw new InvalidOperationException("the netns rig has not started");

    protected override async Task<AddressPlan> TakeAddressesAsync(RunContext run, CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("the netns rig needs root: it creates network namespaces and a veth pair, runs dnsmasq and captures (run certify as root)");
        var slotText = Environment.GetEnvironmentVariable(NetnsLayout.SlotVariable);
        if (!int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot is < SlotLock.First or > SlotLock.Last)
            throw new InvalidOperationException($"{NetnsLayout.SlotVariable}='{slotText}': the netns rig runs inside the namespaces `certify run` makes for it; leave {NetnsLayout.SlotVariable} unset");
        var layout = new NetnsLayout(slot, dutMac);
        var here = (await IpCommand.RunAsync(["netns", "identify"], null, ct)).Trim();
        if (here != layout.LabNamespace)
            throw new InvalidOperationException($"{NetnsLayout.SlotVariable}={slot} but this process is in network namespace '{here}', not {layout.LabNamespace}");
        _layout = layout;
        return layout.Plan;
    }

    protected override IEnumerable<ILabService> NetworkServices(RunContext run, AddressPlan plan) =>
    [
        new LabDnsResolver(new LabDnsResolverOptions { Port = ResolverPort, Forwarder = plan.Lab }),
        new DnsmasqService(new DnsmasqOptions(NetnsLayout.LabInterface, dutMac, ResolverPort)),
        new DhcpWireObserver(NetnsLayout.LabInterface, new CaptureTarget(plan.Dut, plan.Probe, dutMac)),
    ];

    protected override LiveCapture CaptureFor(AddressPlan plan) => new(NetnsLayout.LabInterface, new CaptureTarget(plan.Dut, plan.Probe, dutMac));

    protected override ProcessStartInfo DeviceStartInfo(string dll, string configPath)
    {
        // ip netns exec execs the command: the pid power off SIGKILLs is the device's own
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", Layout.DutNamespace, "dotnet", dll, "--config", configPath })
            info.ArgumentList.Add(a);
        return info;
    }

    protected override DeviceConfig AdaptConfig(DeviceConfig config) => config with
    {
        AllowedNetworks = [Plan.Subnet],
        DhcpMode = "client",
        NetworkInterface = NetnsLayout.DutInterface,
    };

    protected override void Describe(JsonObject details)
    {
        details["namespaces"] = new JsonObject { ["lab"] = Layout.LabNamespace, ["dut"] = Layout.DutNamespace };
        details["veth"] = new JsonObject
        {
            [NetnsLayout.LabInterface] = NetnsLayout.Text(Layout.LabMac),
            [NetnsLayout.DutInterface] = NetnsLayout.Text(dutMac),
        };
        details["dutMac"] = NetnsLayout.Text(dutMac);
        details["dhcp"] = "dnsmasq (broadcast DHCP and DNS on lab0)";
        details["resolver"] = $"{Plan.Lab}:{ResolverPort}";
    }
}
