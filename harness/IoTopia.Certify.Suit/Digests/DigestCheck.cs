using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Digests;

/// <summary>One digest compared: what the envelope says (<see cref="Expected"/>) and what its bytes hash to.</summary>
public sealed record DigestCheck(string Name, SuitDigest Expected, byte[]? Actual, DigestStatus Status)
{
    public bool Failed => Status is DigestStatus.Mismatch or DigestStatus.UnsupportedAlgorithm;
}
