namespace IoTopia.Certify.Wire.Flows;

/// <summary>Link-local infrastructure a device's flow may belong to (listed, not judged); <see cref="None"/> for ordinary traffic.</summary>
public enum FlowCategory : byte
{
    None,
    Arp,
    Eapol,
    Lldp,
    Dhcp,
    DhcpV6,
    NeighbourDiscovery,
    Mld,
    Igmp,
}
