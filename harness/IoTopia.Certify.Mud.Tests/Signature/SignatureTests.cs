using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Signature;

/// <summary>Detached CMS signatures over the fixture's exact bytes, with certificates made here.</summary>
public class SignatureTests
{
    private X509Certificate2 ca = null!;
    private X509Certificate2 signer = null!;
    private byte[] content = null!;
    private byte[] signature = null!;

    [OneTimeSetUp]
    public void MakePki()
    {
        ca = TestPki.CreateCa("CN=Example Bulbs MUD CA, O=Example Bulbs");
        signer = TestPki.CreateSigner(ca, "CN=mud-signer, O=Example Bulbs");
        content = Glow40.Bytes;
        signature = MudFileSigner.Sign(content, signer);
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        ca.Dispose();
        signer.Dispose();
    }

    [Test]
    public void GoodSignatureVerifies()
    {
        var report = Verify(content, signature);
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.True, string.Join("\n", report.Failures));
            Assert.That(report.Signer, Is.EqualTo("CN=mud-signer, O=Example Bulbs"));
            Assert.That(report.Chain, Is.EqualTo(new[] { "CN=mud-signer, O=Example Bulbs", "CN=Example Bulbs MUD CA, O=Example Bulbs" }));
            Assert.That(report.TimeValidity, Does.StartWith("checked at"));
            Assert.That(report.TimeWaived, Is.False);
        });
    }

    [Test]
    public void OneTamperedByteFails()
    {
        var tampered = (byte[])content.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var report = Verify(tampered, signature);
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.False);
            Assert.That(report.Failures, Has.Some.Contains("does not verify over the file's exact bytes"));
        });
    }

    [Test]
    public void TrailingNewlineAddedFails()
    {
        var report = Verify([.. content, (byte)'\n'], signature);
        Assert.That(report.Valid, Is.False);
    }

    [Test]
    public void WrongTrustAnchorFails()
    {
        using var other = TestPki.CreateCa("CN=Someone Else CA");
        var report = MudSignatureVerifier.Verify(content, signature, new MudSignatureOptions { TrustAnchors = TestPki.Anchors(other) });
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.False);
            Assert.That(report.Failures, Has.Some.Contains("does not lead to any of the given trust anchors"));
        });
    }

    [Test]
    public void SameNameButDifferentKeyAnchorFails()
    {
        using var impostor = TestPki.CreateCa("CN=Example Bulbs MUD CA, O=Example Bulbs");
        var report = MudSignatureVerifier.Verify(content, signature, new MudSignatureOptions { TrustAnchors = TestPki.Anchors(impostor) });
        Assert.That(report.Valid, Is.False);
    }

    [Test]
    public void ExpiredSignerFailsAndPassesWithTheWaiverReportedAsWaived()
    {
        using var expired = TestPki.CreateSigner(ca, "CN=old-signer, O=Example Bulbs", notBefore: TestPki.Start.AddDays(1), notAfter: TestPki.Start.AddDays(30));
        var old = MudFileSigner.Sign(content, expired);
        var strict = Verify(content, old);
        var waived = Verify(content, old, TimeCheck.Waived());
        var asOf = Verify(content, old, TimeCheck.AsOf(TestPki.Start.AddDays(10)));
        Assert.Multiple(() =>
        {
            Assert.That(strict.Valid, Is.False);
            Assert.That(strict.Failures, Has.Some.StartsWith("time validity: CN=old-signer"));
            Assert.That(waived.Valid, Is.True, string.Join("\n", waived.Failures));
            Assert.That(waived.TimeWaived, Is.True);
            Assert.That(waived.TimeValidity, Does.StartWith("waived").And.Contain("CN=old-signer"));
            Assert.That(asOf.Valid, Is.True, string.Join("\n", asOf.Failures));
            Assert.That(asOf.TimeValidity, Does.StartWith("checked as of 2020-01-11"));
        });
    }

    [Test]
    public void NotYetValidAtTheGivenTimeFails()
    {
        var report = Verify(content, signature, TimeCheck.AsOf(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(report.Failures, Has.Some.StartsWith("time validity:"));
    }

    [Test]
    public void SignerWithoutDigitalSignatureFails()
    {
        using var keyOnly = TestPki.CreateSigner(ca, "CN=enc-only, O=Example Bulbs", X509KeyUsageFlags.KeyEncipherment);
        var report = Verify(content, MudFileSigner.Sign(content, keyOnly));
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.False);
            Assert.That(report.Failures, Has.Some.StartsWith("key usage:").And.Some.Contains("digitalSignature"));
        });
    }

    [Test]
    public void SignerWithoutKeyUsageFails()
    {
        using var none = TestPki.CreateSigner(ca, "CN=no-usage, O=Example Bulbs", keyUsage: null);
        var report = Verify(content, MudFileSigner.Sign(content, none));
        Assert.That(report.Failures, Has.Some.Contains("has no KeyUsage extension"));
    }

    [Test]
    public void DeviceMudSignerMustNameTheSigner()
    {
        using var matching = TestPki.CreateDevice(ca, signer.SubjectName);
        using var other = TestPki.CreateDevice(ca, new X500DistinguishedName("CN=other-signer, O=Example Bulbs"));
        var ok = Verify(content, signature, device: matching);
        var wrong = Verify(content, signature, device: other);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Valid, Is.True, string.Join("\n", ok.Failures));
            Assert.That(ok.Notes, Has.Some.Contains("matches the device certificate's id-pe-mudsigner"));
            Assert.That(wrong.Valid, Is.False);
            Assert.That(wrong.Failures, Has.Some.StartsWith("mudsigner:").And.Some.Contains("CN=other-signer"));
        });
    }

    [Test]
    public void DeviceWithoutMudSignerIsNoted()
    {
        var report = Verify(content, signature, device: signer);
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.True);
            Assert.That(report.Notes, Has.Some.Contains("has no id-pe-mudsigner"));
        });
    }

    [Test]
    public void IntermediateCarriedInTheSignatureIsUsed()
    {
        using var intermediate = TestPki.CreateSigner(ca, "CN=Example Bulbs MUD signing CA", X509KeyUsageFlags.KeyCertSign, isCa: true);
        using var leaf = TestPki.CreateSigner(intermediate, "CN=leaf-signer, O=Example Bulbs");
        var withIntermediate = MudFileSigner.Sign(content, leaf, [intermediate]);
        var without = MudFileSigner.Sign(content, leaf);
        Assert.Multiple(() =>
        {
            Assert.That(Verify(content, withIntermediate).Valid, Is.True, string.Join("\n", Verify(content, withIntermediate).Failures));
            Assert.That(Verify(content, without).Valid, Is.False);
        });
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })]
    [TestCase(new byte[] { 0x7B, 0x7D })]
    public void GarbageSignatureFailsWithoutThrowing(byte[] garbage)
    {
        var report = Verify(content, garbage);
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.False);
            Assert.That(report.Failures.Single(), Does.StartWith("not a DER-encoded CMS signature").Or.StartWith("expected one signer"));
        });
    }

    [Test]
    public void CorruptedSignatureBytesNeverThrow()
    {
        // Some bytes are not covered by the signature (e.g. the SignerInfo version), so a few changes may still verify.
        var random = new Random(5652);
        var verified = 0;
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])signature.Clone();
            bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            MudSignatureReport report = null!;
            Assert.DoesNotThrow(() => report = Verify(content, bytes), $"iteration {i}");
            verified += report.Valid ? 1 : 0;
        }
        Assert.That(verified, Is.LessThan(15), "most single-byte corruptions must fail");
    }

    private MudSignatureReport Verify(byte[] file, byte[] p7s, TimeCheck? time = null, X509Certificate2? device = null) =>
        MudSignatureVerifier.Verify(file, p7s, new MudSignatureOptions { TrustAnchors = TestPki.Anchors(ca), Time = time ?? TimeCheck.Now(), DeviceCertificate = device });
}
