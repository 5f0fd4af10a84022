using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Records;

/// <summary>results.json, schemaVersion 1 (schema: harness/results.schema.json).</summary>
public sealed record RunResults
{
    public int SchemaVersion { get; init; } = 1;
    public required RunInfo Run { get; init; }
    public required CatalogueSnapshot Catalogue { get; init; }
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }
    public required Summary Summary { get; init; }

    /// <summary>Run-long evidence under evidence/_run/ (lab service logs, continuous serial).</summary>
    public IReadOnlyList<EvidenceRecord> RunEvidence { get; init; } = [];
}

public sealed record CatalogueSnapshot
{
    public string? File { get; init; }
    public IReadOnlyDictionary<string, string> Pillars { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
}

public sealed record ScenarioResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required ScenarioKind Kind { get; init; }
    public required IReadOnlyList<string> Requirements { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    public SkipReason? SkipReason { get; init; }
    public required IReadOnlyList<AttemptResult> Attempts { get; init; }
}

public sealed record AttemptResult
{
    public required int N { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    public bool Interrupted { get; init; }
    public required IReadOnlyList<StepRecord> Steps { get; init; }
}

public sealed record RequirementResult
{
    public required string Id { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    public SkipReason? SkipReason { get; init; }
    public required IReadOnlyList<string> Scenarios { get; init; }
    public ReviewResult? Review { get; init; }
}

public sealed record ReviewResult
{
    public string? Statement { get; init; }
    public string? Decision { get; init; }
}

public sealed record Summary
{
    public required IReadOnlyDictionary<string, int> Scenarios { get; init; }
    public required IReadOnlyDictionary<string, int> Requirements { get; init; }
    public required TierVerdict Tier { get; init; }
}

public sealed record TierVerdict
{
    public required string Target { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
}
