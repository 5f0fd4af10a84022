using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Decoding;

internal static class SuitDigestDecoder
{
    public static SuitDigest Decode(CborValue value, string path)
    {
        Expect.Kind(value, CborKind.Array, path, "a SUIT_Digest");
        if (value.Items.Count != 2)
            throw new SuitFormatException(path, value.Offset, $"a SUIT_Digest is [algorithm-id, digest-bytes]; this one has {value.Items.Count} items");
        var algorithm = Expect.SmallInteger(value.Items[0], path, "the digest algorithm");
        var bytes = Expect.Kind(value.Items[1], CborKind.ByteString, path, "the digest bytes").Bytes;
        if (algorithm == SuitKeys.AlgorithmSha256 && bytes.Length != 32)
            throw new SuitFormatException(path, value.Items[1].Offset, $"a SHA-256 digest has 32 bytes, not {bytes.Length}");
        return new SuitDigest(algorithm, bytes);
    }
}
