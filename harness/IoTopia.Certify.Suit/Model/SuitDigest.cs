namespace IoTopia.Certify.Suit.Model;

/// <summary>SUIT_Digest: <c>[algorithm-id, digest-bytes]</c>; the pinned draft's codec computes SHA-256 (-16) only.</summary>
public sealed record SuitDigest(int Algorithm, byte[] Bytes)
{
    public string AlgorithmName => Algorithm == SuitKeys.AlgorithmSha256 ? "sha256" : $"algorithm {Algorithm}";
}
