using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Signature;

/// <summary>
/// Independent check (CONTRACTS.md): <c>openssl cms -verify</c> agrees with our verifier on signatures we
/// make, and our verifier accepts a signature openssl makes.
/// </summary>
public class OpensslAgreementTests
{
    [Test]
    public async Task OpensslVerifiesOurSignatureAndRejectsATamperedFile()
    {
        using var folder = new TempFolder();
        using var ca = TestPki.CreateCa("CN=Example Bulbs MUD CA, O=Example Bulbs");
        using var signer = TestPki.CreateSigner(ca, "CN=mud-signer, O=Example Bulbs");
        var content = Glow40.Bytes;
        var file = folder.Write("glow40.json", content);
        var p7s = folder.Write("glow40.p7s", MudFileSigner.Sign(content, signer));
        var caPem = folder.Write("ca.pem", ca.ExportCertificatePem());
        var ours = MudSignatureVerifier.Verify(content, File.ReadAllBytes(p7s), new MudSignatureOptions { TrustAnchors = TestPki.Anchors(ca) });

        var good = await VerifyAsync(file, p7s, caPem);
        var tampered = folder.Write("tampered.json", [.. content[..^2], (byte)' ', content[^1]]);
        var bad = await VerifyAsync(tampered, p7s, caPem);
        Assert.Multiple(() =>
        {
            Assert.That(ours.Valid, Is.True, string.Join("\n", ours.Failures));
            Assert.That(good.ExitCode, Is.EqualTo(0), good.Output);
            Assert.That(good.Output, Does.Contain("Verification successful"));
            Assert.That(bad.ExitCode, Is.Not.EqualTo(0), bad.Output);
        });
    }

    [Test]
    public async Task WeVerifyASignatureMadeByOpenssl()
    {
        using var folder = new TempFolder();
        using var ca = TestPki.CreateCa("CN=Example Bulbs MUD CA, O=Example Bulbs");
        using var signer = TestPki.CreateSigner(ca, "CN=mud-signer, O=Example Bulbs");
        var file = folder.Write("glow40.json", Glow40.Bytes);
        var cert = folder.Write("signer.pem", signer.ExportCertificatePem());
        var key = folder.Write("signer.key", signer.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var p7s = folder.Sub("glow40.p7s");
        var sign = await Openssl.RunAsync("cms", "-sign", "-signer", cert, "-inkey", key, "-in", file, "-binary", "-outform", "DER", "-out", p7s);
        Assert.That(sign.ExitCode, Is.EqualTo(0), sign.Output);

        var report = MudSignatureVerifier.Verify(File.ReadAllBytes(file), File.ReadAllBytes(p7s), new MudSignatureOptions { TrustAnchors = TestPki.Anchors(ca) });
        Assert.That(report.Valid, Is.True, string.Join("\n", report.Failures));
    }

    [Test]
    public async Task OpensslAgreesOnTheCorpusLuminaire()
    {
        var file = Corpus.File("cisco-example-luminaire-150.json");
        var p7s = Corpus.File("cisco-example-luminaire-150.p7s");
        var caPem = Corpus.File("cisco-example-luminaire-150-signer-cacert.pem");
        var strict = await VerifyAsync(file, p7s, caPem);
        var noTime = await VerifyAsync(file, p7s, caPem, "-no_check_time");
        Assert.Multiple(() =>
        {
            Assert.That(strict.ExitCode, Is.Not.EqualTo(0), "openssl must also refuse the expired CA");
            Assert.That(strict.Output, Does.Contain("expired"));
            Assert.That(noTime.ExitCode, Is.EqualTo(0), noTime.Output);
        });
    }

    private static Task<ProgramResult> VerifyAsync(string file, string p7s, string caPem, params string[] extra) =>
        Openssl.RunAsync(["cms", "-verify", "-binary", "-inform", "DER", "-content", file, "-in", p7s, "-CAfile", caPem, "-purpose", "any", "-out", "/dev/null", .. extra]);
}
