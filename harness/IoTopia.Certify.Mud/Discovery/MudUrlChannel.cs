namespace IoTopia.Certify.Mud.Discovery;

/// <summary>Where a MUD URL was emitted (RFC 8520 §9, §10, §11). The certificate channel (id-pe-mud-url) is not read from captures: TLS 1.3 hides it.</summary>
public enum MudUrlChannel
{
    DhcpV4,
    DhcpV6,
    Lldp,
}
