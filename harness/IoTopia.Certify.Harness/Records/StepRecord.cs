using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Records;

/// <summary>What one step did: verdict, expectation, observation, measurements, details and evidence.</summary>
public sealed record StepRecord
{
    public required int Seq { get; init; }
    public required string Name { get; init; }
    public required StepPhase Phase { get; init; }
    public required Verdict Verdict { get; init; }
    public string Reason { get; init; } = "";
    public string? Expected { get; init; }
    public string? Observed { get; init; }
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
    public JsonObject Details { get; init; } = new();
    public IReadOnlyList<EvidenceRecord> Evidence { get; init; } = [];
    public required DateTimeOffset Started { get; init; }
    public required DateTimeOffset Ended { get; init; }
}

public enum StepPhase
{
    Steps,
    Cleanup,
}
