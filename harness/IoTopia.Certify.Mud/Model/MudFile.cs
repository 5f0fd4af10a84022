namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// A MUD file (RFC 8520) as read: the <c>ietf-mud:mud</c> leaves, the two policies and the ACLs.
/// Members are null when absent or unusable; the validator's problems say why.
/// </summary>
public sealed record MudFile
{
    public const int DefaultCacheValidityHours = 48;

    public int? MudVersion { get; init; }

    public string? MudUrl { get; init; }

    public string? LastUpdateText { get; init; }

    public DateTimeOffset? LastUpdate { get; init; }

    public string? MudSignature { get; init; }

    /// <summary>Hours; 48 when the file does not say (see <see cref="CacheValidityDeclared"/>).</summary>
    public int CacheValidityHours { get; init; } = DefaultCacheValidityHours;

    public bool CacheValidityDeclared { get; init; }

    /// <summary>False is the manufacturer's end-of-support statement.</summary>
    public bool? IsSupported { get; init; }

    public string? SystemInfo { get; init; }

    public string? MfgName { get; init; }

    public string? ModelName { get; init; }

    public string? FirmwareRev { get; init; }

    public string? SoftwareRev { get; init; }

    public string? Documentation { get; init; }

    public IReadOnlyList<string> Extensions { get; init; } = [];

    public IReadOnlyList<AclReference> FromDevicePolicy { get; init; } = [];

    public IReadOnlyList<AclReference> ToDevicePolicy { get; init; } = [];

    public IReadOnlyList<Acl> Acls { get; init; } = [];

    public MudTransparency? Transparency { get; init; }

    /// <summary>The ACLs sat under the pre-RFC key <c>ietf-access-control-list:access-lists</c>.</summary>
    public bool LegacyAclsKey { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>The authority (host) of <see cref="MudUrl"/>: what <c>same-manufacturer</c> compares.</summary>
    public string? Authority =>
        MudUrl is not null && Uri.TryCreate(MudUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : null;

    public IReadOnlyList<AclReference> PolicyReferences(Direction direction) =>
        direction == Direction.FromDevice ? FromDevicePolicy : ToDevicePolicy;

    /// <summary>The ACLs of one policy, in the policy's order; names that resolve to no ACL are left out.</summary>
    public IReadOnlyList<Acl> Policy(Direction direction) =>
        PolicyReferences(direction)
            .Select(r => Acls.FirstOrDefault(a => a.Name == r.Name))
            .OfType<Acl>()
            .ToList();
}
