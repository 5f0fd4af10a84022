namespace IoTopia.Certify.Wire.Capture;

/// <summary>The tcpdump.org LINKTYPE_ values this reader decodes.</summary>
public enum LinkType
{
    Null = 0,
    Loop = 108,
    Ethernet = 1,
    RawAlt = 12,
    Raw = 101,
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,
}
