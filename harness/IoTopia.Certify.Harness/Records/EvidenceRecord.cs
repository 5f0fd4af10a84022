namespace IoTopia.Certify.Harness.Records;

/// <summary>One evidence file: its path relative to the run folder, its SHA-256 and size.</summary>
public sealed record EvidenceRecord
{
    public required string Path { get; init; }
    public required string Sha256 { get; init; }
    public required long Size { get; init; }
    public required string Kind { get; init; }
    public required string MediaType { get; init; }
}
