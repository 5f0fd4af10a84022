namespace IoTopia.Certify.Suites.Intent;

/// <summary>Where the lab reads the DUT's MUD URL while it runs (the rig's <c>dut.mud-url-source</c>): its DHCP messages to the lab, or its certificate.</summary>
public enum MudUrlSource
{
    /// <summary>DHCPv4 option 161 of the DUT's messages to the lab DHCP listener.</summary>
    Dhcp,

    /// <summary>id-pe-mud-url of the DUT's certificate: the server certificate of its HTTPS port (from the probe), or the client certificate it shows the lab.</summary>
    Certificate,
}
