using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Inspection;
using IoTopia.Certify.Suit.Model;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.Vectors;

/// <summary>The draft's examples, as the suit-tool signed them: each verifies with the draft's key, and says what it holds.</summary>
[TestFixture]
public sealed class SignedExampleTests
{
    private static IEnumerable<string> Signed() => SuitVectors.SignedNames;

    [TestCaseSource(nameof(Signed))]
    public void EverySignedExampleVerifiesWithItsKey(string name)
    {
        using var key = SuitVectors.PublicKey();
        var inspection = SuitInspector.Inspect(SuitVectors.Read(name), key);
        Assert.That(inspection.Valid, Is.True, string.Join("; ", inspection.Problems));
        Assert.That(inspection.Signatures.Single().AlgorithmName, Is.EqualTo("ES256"));
        Assert.That(inspection.Digests.Where(d => d.Status == DigestStatus.Match).Select(d => d.Name), Does.Contain("manifest"));
    }

    [Test]
    public void ASignedExampleDoesNotVerifyWithAnotherKey()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var inspection = SuitInspector.Inspect(SuitVectors.Read("example0_1.signed.suit"), other);
        Assert.That(inspection.Valid, Is.False);
        Assert.That(inspection.Problems, Is.EqualTo(new[] { "no signature verifies with the key" }));
    }

    [Test]
    public void Example0SaysWhatItHolds()
    {
        var inspection = SuitInspector.Inspect(SuitVectors.Read("example0_1.signed.suit"), null);
        var manifest = inspection.Envelope!.Manifest;
        Assert.Multiple(() =>
        {
            Assert.That(inspection.Valid, Is.True, "no key: well formed and digests match");
            Assert.That(manifest.SequenceNumber, Is.EqualTo(new System.Numerics.BigInteger(0)));
            Assert.That(manifest.Common.Components.Single().Single(), Is.EqualTo(new byte[] { 0 }));
            Assert.That(manifest.Members.Select(m => m.Name), Is.EqualTo(new[] { "validate", "invoke" }));
            Assert.That(inspection.Diagnostic, Does.Contain("/ vendor-id / 1:h'fa6b4a53d5ad5fdfbe9de663e4d41ffe'"));
            Assert.That(inspection.Diagnostic, Does.Contain("/ image-size / 14:34768"));
            Assert.That(inspection.Diagnostic, Does.Contain("/ condition-image-match / 3,15"));
            Assert.That(inspection.Diagnostic, Does.Contain("/ alg / 1:-7 / \"ES256\" /"));
        });
    }

    [Test]
    public void Example2ChecksItsSeverableElements()
    {
        var inspection = SuitInspector.Inspect(SuitVectors.Read("example2_2.signed.suit"), null);
        Assert.That(inspection.Digests.Select(d => (d.Name, d.Status)), Is.EquivalentTo(new[]
        {
            ("manifest", DigestStatus.Match), ("install", DigestStatus.Match), ("text", DigestStatus.Match),
        }));
        Assert.That(inspection.Diagnostic, Does.Contain("/ directive-fetch / 21,2"));
        Assert.That(inspection.Diagnostic, Does.Contain("\"arm.com\""));
    }

    [Test]
    public void Example2SeveredReportsTheElementsAbsentNotAnError()
    {
        var inspection = SuitInspector.Inspect(SuitVectors.Read("example2_0.severed.suit"), null);
        Assert.That(inspection.Valid, Is.True, string.Join("; ", inspection.Problems));
        Assert.That(inspection.Digests.Where(d => d.Name != "manifest").Select(d => d.Status), Is.All.EqualTo(DigestStatus.Absent));
        Assert.That(inspection.Envelope!.Manifest.Members.Where(m => m.IsSevered).Select(m => m.Key), Is.EquivalentTo(new[] { SuitKeys.Install, SuitKeys.Text }));
    }

    private static IEnumerable<string> Unsigned() => SuitVectors.UnsignedNames;

    [TestCaseSource(nameof(Unsigned))]
    public void AnUnsignedEnvelopeDecodesButIsNotValidWhenAKeyIsGiven(string name)
    {
        using var key = SuitVectors.PublicKey();
        var inspection = SuitInspector.Inspect(SuitVectors.Read(name), key);
        Assert.That(inspection.FormatError, Is.Null, inspection.FormatError?.Message);
        Assert.That(inspection.Valid, Is.False);
        Assert.That(inspection.Problems, Is.EqualTo(new[] { "not signed: no authentication block" }));
    }
}
