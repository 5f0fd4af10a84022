using System.Security.Cryptography;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Diagnostics;
using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Signing;

namespace IoTopia.Certify.Suit.Inspection;

/// <summary>Decodes an untrusted envelope, prints it, checks its digests and (with a key) its signatures. Never throws on bad input.</summary>
public static class SuitInspector
{
    public static SuitInspection Inspect(byte[] envelope, ECDsa? key)
    {
        try
        {
            var decoded = SuitEnvelopeDecoder.Decode(envelope);
            var signatures = key is null ? [] : SuitSignatures.Verify(decoded.Authentication, key);
            return new SuitInspection(decoded, SuitDiagnosticNotation.Print(decoded), null, SuitDigests.Check(decoded), signatures, key is not null);
        }
        catch (SuitFormatException e)
        {
            return new SuitInspection(null, null, e, [], [], key is not null);
        }
    }
}
