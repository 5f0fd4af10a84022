using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Signing;

/// <summary>
/// Verifies the authentication blocks of an envelope: each a COSE_Sign1 with a detached payload, the payload being the
/// SUIT_Digest (the content of the wrapper's first bstr). ES256 (-7) through System.Security.Cryptography.Cose; ESP256 (-9),
/// the same algorithm by its fully specified name, over the Sig_structure of RFC 9052 §4.4. COSE_Mac0 is reported as not supported.
/// </summary>
public static class SuitSignatures
{
    public static IReadOnlyList<SignatureCheck> Verify(SuitAuthentication authentication, ECDsa key)
    {
        var payload = authentication.DigestWrapped.Bytes;
        return authentication.Blocks.Select((block, i) => VerifyBlock(i + 1, block.Bytes, payload, key)).ToList();
    }

    private static SignatureCheck VerifyBlock(int index, byte[] block, byte[] payload, ECDsa key)
    {
        if (block.Length > 0 && block[0] == 0xD1)
            return new SignatureCheck(index, "COSE_Mac0", null, false, "COSE_Mac0 (MAC) blocks are not supported");
        CoseSign1Message message;
        try
        {
            message = CoseMessage.DecodeSign1(block);
        }
        catch (CryptographicException e)
        {
            return new SignatureCheck(index, "unknown", null, false, $"not a COSE_Sign1: {e.Message}");
        }
        int? algorithm = message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.Algorithm, out var value) && TryInt(value, out var a) ? a : null;
        if (message.Content is not null)
            return new SignatureCheck(index, "COSE_Sign1", algorithm, false, "the payload is not detached (SUIT signs the digest, carried beside it)");
        try
        {
            var verified = algorithm switch
            {
                -7 or -35 or -36 => message.VerifyDetached(key, payload),
                -9 => VerifyFullySpecified(message, payload, key),
                null => throw new CryptographicException("no algorithm in the protected header"),
                _ => throw new CryptographicException($"algorithm {algorithm} is not an ECDSA algorithm this codec verifies"),
            };
            return new SignatureCheck(index, "COSE_Sign1", algorithm, verified, verified ? "verified" : "the signature does not verify with the key");
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or ArgumentException)
        {
            return new SignatureCheck(index, "COSE_Sign1", algorithm, false, e.Message);
        }
    }

    private static bool VerifyFullySpecified(CoseSign1Message message, byte[] payload, ECDsa key)
    {
        if (key.KeySize != 256)
            throw new CryptographicException($"ESP256 needs a P-256 key, not {key.KeySize} bits");
        return key.VerifyData(SigStructure(message.RawProtectedHeaders.Span, payload), message.Signature.Span, HashAlgorithmName.SHA256);
    }

    /// <summary>Sig_structure = ["Signature1", body_protected, external_aad (empty), payload].</summary>
    internal static byte[] SigStructure(ReadOnlySpan<byte> protectedHeaders, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter();
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeaders);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    private static bool TryInt(CoseHeaderValue value, out int result)
    {
        try
        {
            result = value.GetValueAsInt32();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or CborContentException or OverflowException)
        {
            result = 0;
            return false;
        }
    }
}
