using System.Net;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// The DUT's network as the lab runs it, a rig resource for judging the DUT's traffic (intent.flows): what
/// <c>local-networks</c> means there (the per-name addresses left out: they stand for remote hosts), and the
/// lab's own hosts — the addresses of its services (DHCP, DNS, NTP servers) — whose traffic with the DUT is
/// lab infrastructure, not the device's behaviour.
/// </summary>
public sealed record LabNetwork
{
    /// <summary>What <c>local-networks</c> and RFC 8520's local DNS/NTP default mean on this rig.</summary>
    public required IReadOnlyList<IPNetwork> LocalNetworks { get; init; }

    /// <summary>The lab's own addresses on the DUT's network (its services listen there).</summary>
    public IReadOnlyList<IPAddress> LabHosts { get; init; } = [];

    public IReadOnlyList<IPAddress> DhcpServers { get; init; } = [];
    public IReadOnlyList<IPAddress> DnsServers { get; init; } = [];
    public IReadOnlyList<IPAddress> NtpServers { get; init; } = [];

    public bool IsLabHost(IPAddress address) =>
        LabHosts.Contains(address) || DhcpServers.Contains(address) || DnsServers.Contains(address) || NtpServers.Contains(address);

    /// <summary>
    /// The reference-device rigs' network: only the lab's and the DUT's own addresses are local (every other
    /// address of the subnet is a per-name stand-in for a remote host); the lab address serves DHCP and DNS.
    /// </summary>
    public static LabNetwork OfReferenceDevice(AddressPlan plan) => new()
    {
        LocalNetworks = [new IPNetwork(plan.Lab, 32), new IPNetwork(plan.Dut, 32)],
        LabHosts = [plan.Lab],
        DhcpServers = [plan.Lab],
        DnsServers = [plan.Lab],
    };
}
