using IoTopia.Certify.Suit.Decoding;

namespace IoTopia.Certify.Suit.Encoding;

/// <summary>
/// Byte-level mutants of a signed envelope for refusal tests. Semantic mutants (older sequence number, other class,
/// untrusted signer, unsigned) are built from <see cref="SuitManifestParameters"/> with <see cref="SuitEnvelopeBuilder"/>.
/// </summary>
public static class SuitEnvelopeMutations
{
    /// <summary>A copy with one bit of one byte flipped.</summary>
    public static byte[] FlipBit(byte[] envelope, int offset, int bit = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, envelope.Length);
        var copy = (byte[])envelope.Clone();
        copy[offset] ^= (byte)(1 << (bit & 7));
        return copy;
    }

    /// <summary>A copy whose first signature has its last byte flipped: still well formed, no longer valid.</summary>
    public static byte[] BreakSignature(byte[] envelope)
    {
        var block = SuitEnvelopeDecoder.Decode(envelope).Authentication.Blocks.FirstOrDefault()
            ?? throw new ArgumentException("the envelope is not signed");
        var end = checked((int)block.Offset + block.Encoded.Length - 1);
        return FlipBit(envelope, end);
    }

    /// <summary>A copy whose manifest has one bit flipped at <paramref name="offsetInManifest"/> (of its content): the digest no longer matches.</summary>
    public static byte[] TamperManifest(byte[] envelope, int offsetInManifest)
    {
        var wrapped = SuitEnvelopeDecoder.Decode(envelope).ManifestWrapped;
        var header = wrapped.Encoded.Length - wrapped.Bytes.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offsetInManifest, wrapped.Bytes.Length);
        return FlipBit(envelope, checked((int)wrapped.Offset + header + offsetInManifest));
    }
}
