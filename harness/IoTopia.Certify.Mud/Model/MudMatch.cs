namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// RFC 8520's <c>ietf-mud:mud</c> match augmentation: abstractions that stand for sets of hosts the
/// MUD manager (here: the lab, from its settings) knows. The remote side of a flow must be in every set named.
/// </summary>
public sealed record MudMatch
{
    /// <summary>A host matching the authority of other Things' MUD URLs.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Things whose MUD URL has the same authority as this file's <c>mud-url</c>.</summary>
    public bool SameManufacturer { get; init; }

    /// <summary>Things whose MUD URL is exactly this.</summary>
    public string? Model { get; init; }

    public bool LocalNetworks { get; init; }

    /// <summary>A controller class URI, e.g. <c>urn:ietf:params:mud:dns</c>; never dereferenced.</summary>
    public string? Controller { get; init; }

    public bool MyController { get; init; }

    public required SourceLocation Location { get; init; }

    public const string DnsControllerUrn = "urn:ietf:params:mud:dns";
    public const string NtpControllerUrn = "urn:ietf:params:mud:ntp";
}
