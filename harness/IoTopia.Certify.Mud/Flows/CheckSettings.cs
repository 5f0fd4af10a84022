using System.Net;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>What the lab tells the flow check: the device, its local networks, the controllers, and the harness's own probe addresses.</summary>
public sealed record CheckSettings
{
    public required DeviceSelector Device { get; init; }

    /// <summary>The ranges <c>local-networks</c> and the default DNS/NTP allowance mean. Empty → <see cref="DefaultLocalNetworks"/>.</summary>
    public IReadOnlyList<IPNetwork> LocalNetworks { get; init; } = [];

    /// <summary>Controller URN (or this device's MUD URL, for <c>my-controller</c>) → addresses.</summary>
    public IReadOnlyList<KeyValuePair<string, IpAddr>> Controllers { get; init; } = [];

    /// <summary>Traffic to or from these addresses is the harness's own (scans, polls) and is excluded.</summary>
    public IReadOnlyList<IpAddr> ProbeAddresses { get; init; } = [];

    /// <summary>RFC 1918, IPv4 link-local, IPv6 unique-local and link-local: used when no <c>--local-network</c> is given.</summary>
    public static IReadOnlyList<IPNetwork> DefaultLocalNetworks { get; } =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
    ];

    public IReadOnlyList<IPNetwork> EffectiveLocalNetworks => LocalNetworks.Count > 0 ? LocalNetworks : DefaultLocalNetworks;

    /// <summary>What the wire library's flow collection needs of these settings.</summary>
    public FlowCollectorOptions CollectorOptions => new() { Device = Device, ProbeAddresses = ProbeAddresses, IsLocal = IsLocal };

    /// <summary>
    /// What <c>local-networks</c> means for a packet's destination (RFC 8520: packets that do not traverse toward a
    /// default route): the local networks — a directed broadcast lies inside its own network — and the destinations
    /// no router forwards whatever the networks are: limited broadcast 255.255.255.255 and link-local multicast
    /// 224.0.0.0/24 (RFC 5771) and ff02::/16 (RFC 4291).
    /// </summary>
    public bool IsLocalDestination(IpAddr address) => IsLocal(address) || StaysOnTheLink(address);

    /// <summary>Limited broadcast and link-local multicast: never routed. Only ever a destination, never a sender's address.</summary>
    public static bool StaysOnTheLink(IpAddr address) =>
        address.Version == 4
            ? address.IsIpv4Broadcast || address.In(Ipv4LinkLocalMulticast)
            : address.Version == 6 && address.In(Ipv6LinkLocalMulticast);

    private static readonly IPNetwork Ipv4LinkLocalMulticast = IPNetwork.Parse("224.0.0.0/24");
    private static readonly IPNetwork Ipv6LinkLocalMulticast = IPNetwork.Parse("ff02::/16");

    /// <summary>Whether an address is in the local networks (given, or the default ranges): what a sender's address is judged by.</summary>
    public bool IsLocal(IpAddr address)
    {
        foreach (var network in EffectiveLocalNetworks)
        {
            if (address.In(network))
                return true;
        }
        return false;
    }

    public bool IsController(string urn, IpAddr address) =>
        Controllers.Any(c => string.Equals(c.Key, urn, StringComparison.OrdinalIgnoreCase) && c.Value == address);
}
