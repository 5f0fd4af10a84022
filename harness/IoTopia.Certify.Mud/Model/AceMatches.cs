namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// The <c>matches</c> of an ACE. A packet matches when it matches every container present; an ACE
/// with no containers matches everything. <see cref="Unmodelled"/> lists the match leaves this model
/// does not carry (e.g. <c>ttl</c>, TCP flags, unknown augmentations): such an ACE is narrower than it
/// looks here, so whether it applies to a flow is unknown to a matcher.
/// </summary>
public sealed record AceMatches
{
    public EthMatch? Eth { get; init; }

    public IpMatch? Ipv4 { get; init; }

    public IpMatch? Ipv6 { get; init; }

    public TcpMatch? Tcp { get; init; }

    public UdpMatch? Udp { get; init; }

    public IcmpMatch? Icmp { get; init; }

    public MudMatch? Mud { get; init; }

    public IReadOnlyList<UnmodelledLeaf> Unmodelled { get; init; } = [];

    /// <summary>The layer-3 match, whichever version.</summary>
    public IpMatch? Ip => Ipv4 ?? Ipv6;

    public bool IsEmpty => Eth is null && Ipv4 is null && Ipv6 is null && Tcp is null && Udp is null && Icmp is null && Mud is null && Unmodelled.Count == 0;

    public static AceMatches Any { get; } = new();
}
