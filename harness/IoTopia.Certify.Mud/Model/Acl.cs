namespace IoTopia.Certify.Mud.Model;

/// <summary>An RFC 8519 ACL: an ordered list of ACEs; the first ACE that matches decides.</summary>
public sealed record Acl
{
    public required string Name { get; init; }

    public required AclType Type { get; init; }

    /// <summary>The type as written in the file (null when absent).</summary>
    public string? TypeText { get; init; }

    public required IReadOnlyList<Ace> Aces { get; init; }

    public required SourceLocation Location { get; init; }
}
