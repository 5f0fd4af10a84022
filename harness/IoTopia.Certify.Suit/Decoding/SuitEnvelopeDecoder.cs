using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Decoding;

/// <summary>
/// Decodes an untrusted SUIT envelope (draft-ietf-suit-manifest-37). Every problem is a <see cref="SuitFormatException"/> naming the
/// element and its byte offset; keys the draft does not define are refused (fail closed). Decoding checks no digest or signature.
/// </summary>
public static class SuitEnvelopeDecoder
{
    public static SuitEnvelope Decode(byte[] encoded)
    {
        if (encoded.Length == 0)
            throw new SuitFormatException("envelope", 0, "the file is empty");
        if (encoded.Length > SuitDraft.MaxEnvelopeBytes)
            throw new SuitFormatException("envelope", SuitDraft.MaxEnvelopeBytes, $"the envelope is larger than {SuitDraft.MaxEnvelopeBytes} bytes");
        var root = CborTreeReader.Read(encoded, 0, "envelope");
        var tagged = root.Kind == CborKind.Tag;
        if (tagged && root.Tag != SuitDraft.EnvelopeTag)
            throw new SuitFormatException("envelope", root.Offset, $"tag {root.Tag} is not the SUIT envelope's tag {SuitDraft.EnvelopeTag}");
        var map = tagged ? root.Content : root;
        SuitAuthentication? authentication = null;
        CborValue? manifestWrapped = null;
        var severable = new Dictionary<int, CborValue>();
        var integrated = new Dictionary<string, CborValue>(StringComparer.Ordinal);
        foreach (var (key, value) in Expect.Kind(map, CborKind.Map, "envelope", "the envelope").Entries)
        {
            if (key.Kind == CborKind.TextString)
            {
                integrated[key.Text] = Expect.Kind(value, CborKind.ByteString, $"envelope/\"{key.Text}\"", "an integrated payload");
                continue;
            }
            var number = Expect.SmallInteger(key, "envelope", "an envelope key");
            switch (number)
            {
                case SuitKeys.AuthenticationWrapper:
                    authentication = DecodeAuthentication(value);
                    break;
                case SuitKeys.Manifest:
                    manifestWrapped = value;
                    break;
                case var s when SuitKeys.Severable.Contains(s):
                    severable[s] = Expect.Kind(value, CborKind.ByteString, $"envelope/{SuitKeys.EnvelopeElements[s]}", "a severed element");
                    break;
                default:
                    throw new SuitFormatException("envelope", key.Offset, $"unknown envelope element {number}: refused (fail closed; {SuitDraft.Name})");
            }
        }
        if (authentication is null)
            throw new SuitFormatException("envelope", map.Offset, "no authentication-wrapper (key 2)");
        if (manifestWrapped is null)
            throw new SuitFormatException("envelope", map.Offset, "no manifest (key 3)");
        var manifest = SuitManifestDecoder.Decode(manifestWrapped);
        foreach (var (key, element) in severable)
        {
            if (manifest.Member(key) is not { IsSevered: true })
                throw new SuitFormatException($"envelope/{SuitKeys.EnvelopeElements[key]}", element.Offset, "the envelope carries a severed element the manifest does not hold a digest of");
            SuitManifestDecoder.DecodeSevered(key, element);
        }
        return new SuitEnvelope(encoded, tagged, authentication, manifestWrapped, manifest, severable, integrated);
    }

    private static SuitAuthentication DecodeAuthentication(CborValue wrapped)
    {
        const string path = "envelope/authentication-wrapper";
        var list = Expect.Kind(Expect.Embedded(wrapped, path, "the authentication wrapper", 0), CborKind.Array, path, "the authentication wrapper");
        if (list.Items.Count == 0)
            throw new SuitFormatException(path, list.Offset, "the authentication wrapper holds no digest");
        var digestWrapped = list.Items[0];
        var digest = SuitDigestDecoder.Decode(Expect.Embedded(digestWrapped, $"{path}[0]", "the manifest digest", 1), $"{path}[0]");
        var blocks = list.Items.Skip(1).Select((b, i) => Expect.Kind(b, CborKind.ByteString, $"{path}[{i + 1}]", "an authentication block")).ToList();
        return new SuitAuthentication(digest, digestWrapped, blocks);
    }
}
