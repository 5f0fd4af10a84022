using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Encoding;

/// <summary>
/// Wraps a manifest into a SUIT envelope (tag 107): the authentication wrapper holds the manifest's SUIT_Digest and, when a key is
/// given, a COSE_Sign1 (ES256, detached payload = that digest). <see cref="Resign"/> keeps an envelope's manifest and severed
/// elements and replaces its authentication (another key, or none).
/// </summary>
public static class SuitEnvelopeBuilder
{
    /// <param name="manifest">the encoded SUIT_Manifest map (e.g. from <see cref="SuitManifestEncoder"/>)</param>
    /// <param name="key">a P-256 private key; null for an unsigned envelope (digest only)</param>
    /// <param name="severed">severed elements to carry (key → the element's bstr content), each already digested in the manifest</param>
    public static byte[] Build(ReadOnlySpan<byte> manifest, ECDsa? key, IReadOnlyDictionary<int, byte[]>? severed = null)
    {
        var manifestWrapped = Wrap(manifest);
        var digest = SuitManifestEncoder.Digest(SuitDigests.Of(manifestWrapped).Bytes);
        var auth = new CborWriter();
        auth.WriteStartArray(key is null ? 1 : 2);
        auth.WriteByteString(digest);
        if (key is not null)
            auth.WriteByteString(CoseSign1Message.SignDetached(digest, new CoseSigner(key, HashAlgorithmName.SHA256)));
        auth.WriteEndArray();

        var envelope = new CborWriter();
        envelope.WriteTag((CborTag)SuitDraft.EnvelopeTag);
        envelope.WriteStartMap(2 + (severed?.Count ?? 0));
        envelope.WriteInt32(SuitKeys.AuthenticationWrapper);
        envelope.WriteByteString(auth.Encode());
        envelope.WriteInt32(SuitKeys.Manifest);
        envelope.WriteEncodedValue(manifestWrapped);
        foreach (var (k, element) in (severed ?? new Dictionary<int, byte[]>()).OrderBy(e => e.Key))
        {
            envelope.WriteInt32(k);
            envelope.WriteByteString(element);
        }
        envelope.WriteEndMap();
        return envelope.Encode();
    }

    /// <summary>The same manifest and severed elements under a new signature (or unsigned with a null key).</summary>
    public static byte[] Resign(byte[] envelope, ECDsa? key)
    {
        var decoded = SuitEnvelopeDecoder.Decode(envelope);
        return Build(decoded.ManifestWrapped.Bytes, key, decoded.SeverableElements.ToDictionary(e => e.Key, e => e.Value.Bytes));
    }

    /// <summary>A byte string holding <paramref name="content"/>, encoded: what digests are taken over.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> content)
    {
        var writer = new CborWriter();
        writer.WriteByteString(content);
        return writer.Encode();
    }
}
