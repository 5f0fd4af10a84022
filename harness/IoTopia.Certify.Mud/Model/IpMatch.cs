using System.Net;

namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// The <c>ipv4</c> or <c>ipv6</c> match of an ACE: protocol, networks and the ietf-acldns names.
/// A null member does not constrain the match.
/// </summary>
public sealed record IpMatch
{
    /// <summary>4 or 6.</summary>
    public required int Version { get; init; }

    public int? Protocol { get; init; }

    public IPNetwork? SourceNetwork { get; init; }

    public IPNetwork? DestinationNetwork { get; init; }

    /// <summary><c>ietf-acldns:src-dnsname</c>, as written (may end with a dot).</summary>
    public string? SourceDnsName { get; init; }

    /// <summary><c>ietf-acldns:dst-dnsname</c>, as written (may end with a dot).</summary>
    public string? DestinationDnsName { get; init; }

    public required SourceLocation Location { get; init; }
}
