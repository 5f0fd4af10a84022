namespace IoTopia.Certify.Rigs.Bench;

/// <summary>A lab service a bench runs on its DUT-facing network (<c>drivers.lab.services</c>).</summary>
public enum BenchLabService
{
    /// <summary>DHCP for the DUT (dnsmasq or the lab's listener, <c>dhcp-server</c>): capability dhcp.</summary>
    Dhcp,

    /// <summary>The lab resolver, answering every name with a per-name lab address: capability dns.</summary>
    Dns,

    /// <summary>The lab's HTTPS host for cloud names, on the lab and per-name addresses: capability lab-http.</summary>
    Https,

    /// <summary>The lab MUD server (the manufacturer's files of <c>drivers.mud</c>, through the HTTPS host): capability lab-http.</summary>
    Mud,

    /// <summary>The lab's NTP server on the lab address (port 123), named by dnsmasq's DHCP as option 42: capability time.</summary>
    Ntp,

    /// <summary>The lab update server (what scenarios offer with update.offer, through the HTTPS host): capability lab-http.</summary>
    Update,
}

/// <summary>Which DHCP server a bench runs (<c>drivers.lab.dhcp-server</c>).</summary>
public enum BenchDhcpServer
{
    /// <summary>dnsmasq leasing the DUT its address over broadcast DHCP, the exchange read off the wire.</summary>
    Dnsmasq,

    /// <summary>The lab's own listener: records every message, answers a DHCPINFORM by unicast, leases nothing (a DUT on loopback).</summary>
    Listener,
}
