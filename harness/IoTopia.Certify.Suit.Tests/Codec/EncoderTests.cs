using System.Security.Cryptography;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Inspection;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.Codec;

/// <summary>Our encoder against the draft's bytes: the examples' manifests rebuilt from their parameters, byte for byte.</summary>
[TestFixture]
public sealed class EncoderTests
{
    public static SuitManifestParameters Example0 { get; } = new()
    {
        SequenceNumber = 0,
        VendorId = SuitManifestParameters.UuidBytes(Guid.Parse("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe")),
        ClassId = SuitManifestParameters.UuidBytes(Guid.Parse("1492af14-2569-5e48-bf42-9b2d51f2ab45")),
        ImageDigest = Convert.FromHexString("00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210"),
        ImageSize = 34768,
        Invoke = true,
    };

    [Test]
    public void Example0IsReproducedFromItsParameters()
    {
        var expected = SuitEnvelopeDecoder.Decode(SuitVectors.Read("example0_1.signed.suit")).ManifestWrapped.Bytes;
        Assert.That(Convert.ToHexStringLower(SuitManifestEncoder.Encode(Example0)), Is.EqualTo(Convert.ToHexStringLower(expected)));
    }

    [Test]
    public void Example1IsReproducedFromItsParameters()
    {
        var expected = SuitEnvelopeDecoder.Decode(SuitVectors.Read("example1_1.signed.suit")).ManifestWrapped.Bytes;
        var example1 = Example0 with { SequenceNumber = 1, Invoke = false, Uri = "http://example.com/file.bin" };
        Assert.That(Convert.ToHexStringLower(SuitManifestEncoder.Encode(example1)), Is.EqualTo(Convert.ToHexStringLower(expected)));
    }

    [Test]
    public void TheUnsignedEnvelopeOfExample0IsReproducedByteForByte()
    {
        var built = SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(Example0), null);
        Assert.That(Convert.ToHexStringLower(built), Is.EqualTo(Convert.ToHexStringLower(SuitVectors.Read("example0_0.env.suit"))));
    }

    [Test]
    public void ABuiltEnvelopeSignedWithTheDraftKeyVerifiesWithItsPublicHalf()
    {
        using var privateKey = SuitVectors.PrivateKey();
        using var publicKey = SuitVectors.PublicKey();
        var envelope = SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(Example0), privateKey);
        var inspection = SuitInspector.Inspect(envelope, publicKey);
        Assert.That(inspection.Valid, Is.True, string.Join("; ", inspection.Problems));
        // ECDSA is not deterministic: same length and same bytes outside the signature.
        var signed = SuitVectors.Read("example0_1.signed.suit");
        Assert.That(envelope, Has.Length.EqualTo(signed.Length));
    }

    [Test]
    public void ResigningKeepsTheManifestAndSeveredElementsAndChangesTheSigner()
    {
        using var rogue = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var genuine = SuitVectors.PublicKey();
        var original = SuitVectors.Read("example2_2.signed.suit");
        var resigned = SuitEnvelopeBuilder.Resign(original, rogue);
        Assert.Multiple(() =>
        {
            Assert.That(SuitInspector.Inspect(resigned, genuine).Problems, Is.EqualTo(new[] { "no signature verifies with the key" }));
            Assert.That(SuitInspector.Inspect(resigned, rogue).Valid, Is.True);
            Assert.That(SuitEnvelopeDecoder.Decode(resigned).ManifestWrapped.Bytes, Is.EqualTo(SuitEnvelopeDecoder.Decode(original).ManifestWrapped.Bytes));
            Assert.That(SuitInspector.Inspect(resigned, rogue).Digests.Select(d => d.Status.ToString()), Is.All.EqualTo("Match"));
        });
    }

    [Test]
    public void AnOlderSequenceNumberIsAMutantOfTheParameters()
    {
        using var key = SuitVectors.PrivateKey();
        var older = SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(Example0 with { SequenceNumber = 7 } with { SequenceNumber = 6 }), key);
        Assert.That(SuitEnvelopeDecoder.Decode(older).Manifest.SequenceNumber, Is.EqualTo(new System.Numerics.BigInteger(6)));
    }
}
