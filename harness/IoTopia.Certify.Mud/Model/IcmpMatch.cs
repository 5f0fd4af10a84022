namespace IoTopia.Certify.Mud.Model;

/// <summary>The <c>icmp</c> match of an ACE (ICMP or ICMPv6, by the ACE's IP version).</summary>
public sealed record IcmpMatch
{
    public int? Type { get; init; }

    public int? Code { get; init; }

    public required SourceLocation Location { get; init; }
}
