using System.Formats.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Encoding;

/// <summary>
/// Encodes <see cref="SuitManifestParameters"/> as a SUIT_Manifest (the map, not yet bstr-wrapped), deterministically, in the
/// layout of the draft's examples: the shared sequence sets the parameters and checks vendor and class; validate checks the
/// image; install (with a URI) fetches and checks it; invoke (if asked) starts it.
/// </summary>
public static class SuitManifestEncoder
{
    private const int ReportAll = 15;
    private const int ReportOnFailure = 2;

    public static byte[] Encode(SuitManifestParameters p)
    {
        if (p.VendorId.Length == 0 || p.ClassId.Length == 0)
            throw new ArgumentException("a manifest needs a vendor and a class identifier");
        if (p.ImageDigest.Length != 32)
            throw new ArgumentException($"the image digest is a SHA-256 (32 bytes), not {p.ImageDigest.Length} bytes");
        var writer = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        writer.WriteStartMap(null);
        writer.WriteInt32(SuitKeys.ManifestVersion);
        writer.WriteInt32(1);
        writer.WriteInt32(SuitKeys.SequenceNumber);
        writer.WriteUInt64(p.SequenceNumber);
        writer.WriteInt32(SuitKeys.Common);
        writer.WriteByteString(Common(p));
        writer.WriteInt32(SuitKeys.Validate);
        writer.WriteByteString(Sequence(w => Command(w, SuitKeys.ConditionImageMatch, ReportAll)));
        if (p.Invoke)
        {
            writer.WriteInt32(SuitKeys.Invoke);
            writer.WriteByteString(Sequence(w => Command(w, SuitKeys.DirectiveInvoke, ReportOnFailure)));
        }
        if (p.Uri is { } uri)
        {
            writer.WriteInt32(SuitKeys.Install);
            writer.WriteByteString(Sequence(w =>
            {
                w.WriteInt32(SuitKeys.DirectiveOverrideParameters);
                w.WriteStartMap(1);
                w.WriteInt32(SuitKeys.ParameterUri);
                w.WriteTextString(uri);
                w.WriteEndMap();
                Command(w, SuitKeys.DirectiveFetch, ReportOnFailure);
                Command(w, SuitKeys.ConditionImageMatch, ReportAll);
            }));
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] Common(SuitManifestParameters p)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        writer.WriteStartMap(2);
        writer.WriteInt32(SuitKeys.Components);
        writer.WriteStartArray(1);
        writer.WriteStartArray(p.Component.Count);
        foreach (var part in p.Component)
            writer.WriteByteString(part);
        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteInt32(SuitKeys.SharedSequence);
        writer.WriteByteString(Sequence(w =>
        {
            w.WriteInt32(SuitKeys.DirectiveOverrideParameters);
            w.WriteStartMap(4);
            w.WriteInt32(SuitKeys.ParameterVendorIdentifier);
            w.WriteByteString(p.VendorId);
            w.WriteInt32(SuitKeys.ParameterClassIdentifier);
            w.WriteByteString(p.ClassId);
            w.WriteInt32(SuitKeys.ParameterImageDigest);
            w.WriteByteString(Digest(p.ImageDigest));
            w.WriteInt32(SuitKeys.ParameterImageSize);
            w.WriteUInt64(p.ImageSize);
            w.WriteEndMap();
            Command(w, SuitKeys.ConditionVendorIdentifier, ReportAll);
            Command(w, SuitKeys.ConditionClassIdentifier, ReportAll);
        }));
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The encoded SUIT_Digest <c>[-16, sha256]</c>.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> sha256)
    {
        var writer = new CborWriter();
        writer.WriteStartArray(2);
        writer.WriteInt32(SuitKeys.AlgorithmSha256);
        writer.WriteByteString(sha256);
        writer.WriteEndArray();
        return writer.Encode();
    }

    private static void Command(CborWriter writer, int code, int policy)
    {
        writer.WriteInt32(code);
        writer.WriteInt32(policy);
    }

    private static byte[] Sequence(Action<CborWriter> commands)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        writer.WriteStartArray(null);
        commands(writer);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
