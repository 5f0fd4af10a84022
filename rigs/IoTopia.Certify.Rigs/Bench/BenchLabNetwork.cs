using System.Net;
using System.Net.NetworkInformation;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Ntp;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A bench's DUT-facing network as read from <c>drivers.lab</c>: the interface, the address layout, what
/// local-networks means, and the lab services that run there. It names the drivers they make (capture on the
/// interface, the services by capability) before anything starts, and builds the services when the rig starts.
/// </summary>
public sealed record BenchLabNetwork
{
    /// <summary>The lab resolver's port on the lab address when dnsmasq answers DNS on 53 in front of it.</summary>
    public const int ResolverPortBehindDnsmasq = 5053;

    public required string Interface { get; init; }
    public required AddressLayout Layout { get; init; }

    /// <summary>What the rig file says local-networks means (default: the subnet).</summary>
    public required IReadOnlyList<IPNetwork> LocalNetworks { get; init; }

    public required IReadOnlySet<BenchLabService> Services { get; init; }
    public required BenchDhcpServer DhcpServer { get; init; }

    /// <summary>The lab's test PKI folder (absolute).</summary>
    public required string PkiFolder { get; init; }

    /// <summary>A DUT on loopback: its addresses are local already, frames carry no MACs, DHCP is unicast.</summary>
    public bool OnLoopback => Interface == "lo";

    private bool DnsmasqDhcp => Services.Contains(BenchLabService.Dhcp) && DhcpServer == BenchDhcpServer.Dnsmasq;

    public IReadOnlyList<DriverBinding> Bindings(ManufacturerMud? mud)
    {
        var lab = Layout.Lab;
        var on = $"on {Interface}";
        var bindings = new List<DriverBinding>
        {
            new(typeof(LiveCapture), CaptureName, $"{Interface}, DUT {Layout.Dut}, not the probe {Layout.Probe}"),
        };
        if (Services.Contains(BenchLabService.Dns))
            bindings.Add(new(typeof(LabDnsResolver), ServiceName("dns"), DnsmasqDhcp
                ? $"{lab}:53 {on} (dnsmasq, forwarding to the lab resolver on port {ResolverPortBehindDnsmasq})"
                : $"{lab}:53 {on}"));
        if (Services.Contains(BenchLabService.Ntp))
            bindings.Add(new(typeof(LabNtpServer), ServiceName("ntp"), DnsmasqDhcp
                ? $"{lab}:123/udp {on} (named by dnsmasq's DHCP, option 42)"
                : $"{lab}:123/udp {on}"));
        if (Services.Contains(BenchLabService.Dhcp))
            bindings.Add(DnsmasqDhcp
                ? new(typeof(DhcpWireObserver), ServiceName("dhcp"), $"dnsmasq {on}, leasing {Layout.Dut}; the exchange read off the wire")
                : new(typeof(LabDhcpListener), ServiceName("dhcp"), $"{lab}:67 {on} (unicast DHCPINFORM answered, nothing leased)"));
        if (Services.Contains(BenchLabService.Https))
            bindings.Add(new(typeof(LabHttpsHost), ServiceName("https"), $"{lab} and the name addresses {Layout.Host(Layout.FirstNameHost)}–{Layout.Host(Layout.LastNameHost)}, port 443"));
        if (Services.Contains(BenchLabService.Mud))
            bindings.Add(new(typeof(LabMudServer), ServiceName("mud"), mud is null ? "(no drivers.mud)" : Path.GetFileName(mud.MudFile)));
        if (Services.Contains(BenchLabService.Update))
            bindings.Add(new(typeof(LabUpdateServer), ServiceName("update"), "what update.offer serves, through the HTTPS host"));
        return bindings;
    }

    public const string CaptureName = "live capture on the lab network";

    public static string ServiceName(string service) => $"lab service '{service}'";

    /// <summary>The capture's target: the DUT by address, and by MAC where frames carry one.</summary>
    public CaptureTarget Target(PhysicalAddress? dutMac) => new(Layout.Dut, Layout.Probe, OnLoopback ? null : dutMac);

    /// <summary>The services in the order they start: DNS and NTP before the DHCP that names them, the HTTPS host before the MUD and update servers.</summary>
    public IReadOnlyList<ILabService> CreateServices(PhysicalAddress? dutMac, ManufacturerMud? mud)
    {
        var services = new List<ILabService>();
        var dns = Services.Contains(BenchLabService.Dns);
        if (dns)
            services.Add(DnsmasqDhcp
                ? new LabDnsResolver(new LabDnsResolverOptions { Port = ResolverPortBehindDnsmasq, Forwarder = Layout.Lab })
                : new LabDnsResolver());
        var ntp = Services.Contains(BenchLabService.Ntp);
        if (ntp)
            services.Add(new LabNtpServer());
        if (DnsmasqDhcp)
        {
            services.Add(new DnsmasqService(new DnsmasqOptions(Interface, OnLoopback ? null : dutMac, dns ? ResolverPortBehindDnsmasq : null, ServesNtp: ntp)));
            services.Add(new DhcpWireObserver(Interface, Target(dutMac)));
        }
        else if (Services.Contains(BenchLabService.Dhcp))
            services.Add(new LabDhcpListener());
        if (Services.Contains(BenchLabService.Https))
        {
            var https = new LabHttpsHost();
            services.Add(https);
            if (Services.Contains(BenchLabService.Mud))
                services.Add(new LabMudServer(https, mud ?? throw new InvalidOperationException("drivers.lab.services names mud, but the rig has no drivers.mud")));
            if (Services.Contains(BenchLabService.Update))
                services.Add(new LabUpdateServer(https));
        }
        return services;
    }

    /// <summary>The network for judging the DUT's traffic: local-networks without the per-name addresses, and the lab's service hosts.</summary>
    public LabNetwork Judging() => new()
    {
        LocalNetworks = Ipv4Ranges.Without(LocalNetworks, Layout.Host(Layout.FirstNameHost), Layout.Host(Layout.LastNameHost)),
        LabHosts = [Layout.Lab],
        DhcpServers = Services.Contains(BenchLabService.Dhcp) ? [Layout.Lab] : [],
        DnsServers = Services.Contains(BenchLabService.Dns) ? [Layout.Lab] : [],
        NtpServers = Services.Contains(BenchLabService.Ntp) ? [Layout.Lab] : [],
    };
}
