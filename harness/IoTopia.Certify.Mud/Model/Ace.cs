namespace IoTopia.Certify.Mud.Model;

/// <summary>An access control entry: what it matches and what happens to matching packets.</summary>
public sealed record Ace
{
    public required string Name { get; init; }

    public required AceMatches Matches { get; init; }

    public required ForwardingAction Action { get; init; }

    public required SourceLocation Location { get; init; }
}
