namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>Option codes the listener reads, and DHCP message type names (RFC 2132 §9.6, RFC 8520 §10).</summary>
public static class DhcpMessageTypes
{
    public const byte Discover = 1;
    public const byte Offer = 2;
    public const byte Request = 3;
    public const byte Ack = 5;
    public const byte Inform = 8;

    public const byte OptionSubnetMask = 1;
    public const byte OptionDnsServers = 6;
    public const byte OptionHostName = 12;
    public const byte OptionOverload = 52;
    public const byte OptionMessageType = 53;
    public const byte OptionServerId = 54;
    public const byte OptionParameterRequest = 55;
    public const byte OptionVendorClass = 60;
    public const byte OptionClientId = 61;
    public const byte OptionMudUrl = 161;

    private static readonly string[] Names =
        ["", "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE", "DHCPACK", "DHCPNAK", "DHCPRELEASE", "DHCPINFORM"];

    public static string Name(byte? type) => type switch
    {
        null => "BOOTP",
        >= 1 and <= 8 => Names[type.Value],
        _ => $"TYPE{type}",
    };
}
