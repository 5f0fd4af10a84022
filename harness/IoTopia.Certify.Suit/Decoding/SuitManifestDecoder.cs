using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Decoding;

/// <summary>The manifest inside an envelope (bstr .cbor SUIT_Manifest); also usable on a manifest alone.</summary>
public static class SuitManifestDecoder
{
    private const string Path = "manifest";

    public static SuitManifest Decode(CborValue wrapped)
    {
        var map = Expect.Embedded(wrapped, Path, "the manifest", 0);
        System.Numerics.BigInteger? version = null, sequence = null;
        SuitCommon? common = null;
        string? uri = null;
        var members = new List<SuitManifestMember>();
        foreach (var (key, keyItem, value) in Expect.IntegerKeyed(map, Path, "the manifest"))
        {
            if (!SuitKeys.ManifestMembers.TryGetValue(key, out var name))
                throw new SuitFormatException(Path, keyItem.Offset, $"unknown manifest member {key}: refused (fail closed; {SuitDraft.Name})");
            var where = $"{Path}/{name}";
            switch (key)
            {
                case SuitKeys.ManifestVersion:
                    version = Expect.Unsigned(value, where, name);
                    if (version != 1)
                        throw new SuitFormatException(where, value.Offset, $"manifest version {version} is not 1");
                    break;
                case SuitKeys.SequenceNumber:
                    sequence = Expect.Unsigned(value, where, name);
                    break;
                case SuitKeys.Common:
                    common = DecodeCommon(value);
                    break;
                case SuitKeys.ReferenceUri:
                    uri = Expect.Kind(value, CborKind.TextString, where, name).Text;
                    break;
                case var s when SuitKeys.Severable.Contains(s) && value.Kind == CborKind.Array:
                    members.Add(new SuitManifestMember(key, name, SuitDigestDecoder.Decode(value, where), null, null, null));
                    break;
                default:
                    members.Add(DecodeMember(key, value));
                    break;
            }
        }
        if (version is null)
            throw new SuitFormatException(Path, map.Offset, "no manifest-version (key 1)");
        if (sequence is null)
            throw new SuitFormatException(Path, map.Offset, "no manifest-sequence-number (key 2)");
        if (common is null)
            throw new SuitFormatException(Path, map.Offset, "no common (key 3)");
        return new SuitManifest(version.Value, sequence.Value, common, uri, members, map);
    }

    /// <summary>A severed element carried by the envelope, decoded as the member it stands for.</summary>
    public static SuitManifestMember DecodeSevered(int key, CborValue element) => DecodeMember(key, element, $"envelope/{SuitKeys.EnvelopeElements[key]}");

    private static SuitManifestMember DecodeMember(int key, CborValue wrapped, string? path = null)
    {
        var name = SuitKeys.ManifestMembers[key];
        var where = path ?? $"{Path}/{name}";
        if (key == SuitKeys.Text)
        {
            var text = Expect.Kind(Expect.Embedded(wrapped, where, "the text", 1), CborKind.Map, where, "the text");
            return new SuitManifestMember(key, name, null, null, text, wrapped);
        }
        return new SuitManifestMember(key, name, null, SuitCommandDecoder.DecodeWrapped(wrapped, where, 1), null, wrapped);
    }

    private static SuitCommon DecodeCommon(CborValue wrapped)
    {
        const string path = Path + "/common";
        var map = Expect.Embedded(wrapped, path, "common", 1);
        IReadOnlyList<IReadOnlyList<byte[]>>? components = null;
        SuitCommandSequence? shared = null;
        foreach (var (key, keyItem, value) in Expect.IntegerKeyed(map, path, "common"))
        {
            switch (key)
            {
                case SuitKeys.Components:
                    components = DecodeComponents(value, $"{path}/components");
                    break;
                case SuitKeys.SharedSequence:
                    shared = SuitCommandDecoder.DecodeWrapped(value, $"{path}/shared-sequence", 2);
                    break;
                default:
                    var note = key == 1 ? " (dependencies: draft-ietf-suit-trust-domains)" : "";
                    throw new SuitFormatException(path, keyItem.Offset, $"unknown common member {key}{note}: refused (fail closed; {SuitDraft.Name})");
            }
        }
        if (components is null)
            throw new SuitFormatException(path, map.Offset, "no components (key 2)");
        return new SuitCommon(components, shared, wrapped);
    }

    private static List<IReadOnlyList<byte[]>> DecodeComponents(CborValue value, string path)
    {
        Expect.Kind(value, CborKind.Array, path, "the components");
        if (value.Items.Count == 0)
            throw new SuitFormatException(path, value.Offset, "the manifest names no component");
        return value.Items.Select((component, i) =>
            (IReadOnlyList<byte[]>)Expect.Kind(component, CborKind.Array, $"{path}[{i}]", "a component identifier").Items
                .Select(part => Expect.Kind(part, CborKind.ByteString, $"{path}[{i}]", "a component identifier part").Bytes).ToList()).ToList();
    }
}
