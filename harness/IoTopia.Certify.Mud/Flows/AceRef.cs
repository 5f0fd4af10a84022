namespace IoTopia.Certify.Mud.Flows;

/// <summary>An ACE by its ACL and its own name, or one of RFC 8520's default allowances (then <see cref="Acl"/> is empty).</summary>
public sealed record AceRef(string Acl, string Ace)
{
    public bool IsDefault => Acl.Length == 0;

    public static AceRef DefaultDns { get; } = new("", "default: local DNS (RFC 8520)");

    public static AceRef DefaultNtp { get; } = new("", "default: local NTP (RFC 8520)");

    public override string ToString() => IsDefault ? Ace : $"{Acl}/{Ace}";
}
