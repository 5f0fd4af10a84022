using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>Whose flows a <see cref="FlowCollector"/> collects and what it leaves out.</summary>
public sealed class FlowCollectorOptions
{
    public const int DefaultMaxFlows = 2_000_000;

    public required DeviceSelector Device { get; init; }

    /// <summary>Traffic with these addresses is the harness's own (scans, polls): counted, not collected.</summary>
    public IReadOnlyList<IpAddr> ProbeAddresses { get; init; } = [];

    /// <summary>Whether an address is on the device's local networks (a DHCP server there is infrastructure). Default: none is.</summary>
    public Func<IpAddr, bool> IsLocal { get; init; } = _ => false;

    /// <summary>Beyond this many flows, packets of new flows are counted as untracked.</summary>
    public int MaxFlows { get; init; } = DefaultMaxFlows;

    /// <summary>UDP source ports whose payloads are DNS responses that bind names (RFC 8520 names come from DNS on port 53).</summary>
    public IReadOnlyList<int> DnsPorts { get; init; } = [53];
}
