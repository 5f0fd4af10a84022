namespace IoTopia.Certify.Wire.Flows;

/// <summary>How reports name a <see cref="FlowCategory"/>.</summary>
public static class FlowCategories
{
    public static string? Name(FlowCategory category) => category switch
    {
        FlowCategory.None => null,
        FlowCategory.Arp => "ARP",
        FlowCategory.Eapol => "EAPOL",
        FlowCategory.Lldp => "LLDP",
        FlowCategory.Dhcp => "DHCP",
        FlowCategory.DhcpV6 => "DHCPv6",
        FlowCategory.NeighbourDiscovery => "IPv6 neighbour discovery",
        FlowCategory.Mld => "MLD",
        FlowCategory.Igmp => "IGMP",
        _ => category.ToString(),
    };
}
