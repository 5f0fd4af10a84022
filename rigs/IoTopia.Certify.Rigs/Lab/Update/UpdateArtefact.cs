using System.Security.Cryptography;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>
/// What the update server can offer at a path: bytes, their media type, and a label saying what they are
/// ("genuine 1.1.0", "older 0.9.0", "manifest signed by a rogue key"). A file of the run or an update format
/// builds one; the server only serves it.
/// </summary>
public sealed record UpdateArtefact
{
    public required ReadOnlyMemory<byte> Bytes { get; init; }
    public string MediaType { get; init; } = "application/octet-stream";
    public required string Label { get; init; }

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes.Span));
}
