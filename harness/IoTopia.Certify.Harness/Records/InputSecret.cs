namespace IoTopia.Certify.Harness.Records;

/// <summary>A secret value redacted in an input's copy: its key, its line, and its salted digest (<c>Secrets.SecretDigest</c>).</summary>
public sealed record InputSecret
{
    public required string Key { get; init; }
    public required long Line { get; init; }
    public required string Digest { get; init; }
}
