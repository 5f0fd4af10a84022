namespace IoTopia.Certify.Harness.Catalogue;

/// <summary>One testable statement with a frozen ID, its pillar, tier, verification method and cross-references.</summary>
public sealed record Requirement
{
    public required string Id { get; init; }
    public required string Pillar { get; init; }
    public required string Title { get; init; }
    public required string Statement { get; init; }
    public required string Tier { get; init; }
    public required Verification Verification { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

public enum Verification
{
    Test,
    Review,
    Both,
}
