namespace IoTopia.Certify.Harness.Integrity;

/// <summary>manifest.json: SHA-256 and size of every file that is evidence of the run.</summary>
public sealed record Manifest
{
    public int SchemaVersion { get; init; } = 1;
    public required string Run { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required IReadOnlyList<ManifestEntry> Files { get; init; }
}

public sealed record ManifestEntry(string Path, string Sha256, long Size);
