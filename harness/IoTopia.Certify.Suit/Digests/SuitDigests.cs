using System.Security.Cryptography;
using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Digests;

/// <summary>
/// The digests of an envelope: the manifest's (SHA-256 over the bstr-wrapped manifest, its header included) and each severed
/// element's the envelope carries (over the bstr-wrapped element). Image digests name payloads the envelope does not hold: not checked here.
/// </summary>
public static class SuitDigests
{
    public static IReadOnlyList<DigestCheck> Check(SuitEnvelope envelope)
    {
        var checks = new List<DigestCheck> { Compare("manifest", envelope.Authentication.ManifestDigest, envelope.ManifestWrapped) };
        foreach (var member in envelope.Manifest.Members.Where(m => m.IsSevered))
        {
            checks.Add(envelope.SeverableElements.TryGetValue(member.Key, out var element)
                ? Compare(member.Name, member.SeveredDigest!, element)
                : new DigestCheck(member.Name, member.SeveredDigest!, null, DigestStatus.Absent));
        }
        return checks;
    }

    /// <summary>The SUIT_Digest of a bstr-wrapped item, as encoded.</summary>
    public static SuitDigest Of(ReadOnlySpan<byte> wrapped) => new(SuitKeys.AlgorithmSha256, SHA256.HashData(wrapped));

    private static DigestCheck Compare(string name, SuitDigest expected, CborValue wrapped)
    {
        if (expected.Algorithm != SuitKeys.AlgorithmSha256)
            return new DigestCheck(name, expected, null, DigestStatus.UnsupportedAlgorithm);
        var actual = SHA256.HashData(wrapped.Encoded.Span);
        return new DigestCheck(name, expected, actual, CryptographicOperations.FixedTimeEquals(actual, expected.Bytes) ? DigestStatus.Match : DigestStatus.Mismatch);
    }
}
