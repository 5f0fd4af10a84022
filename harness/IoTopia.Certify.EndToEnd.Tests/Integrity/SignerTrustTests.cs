using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Tests.Support;

namespace IoTopia.Certify.Harness.Tests.Integrity;

/// <summary>
/// <c>verify --trust-anchor</c> says who signed: the signer must chain to the lab's anchor. A run re-signed by
/// another key, or with an edited signer certificate, is refused; a good one names its signer.
/// </summary>
[TestFixture]
public sealed class SignerTrustTests
{
    private TempFolder _temp = null!;
    private string _pristine = null!;
    private string _anchor = null!;
    private string _otherKey = null!;

    [OneTimeSetUp]
    public async Task MakeARunSignedByTheLabsIssuedKey()
    {
        _temp = new TempFolder();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=IoTopia Lab Root", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        _anchor = _temp.Write("anchor.pem", ca.ExportCertificatePem() + "\n");

        using var labKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var labRequest = new CertificateRequest("CN=IoTopia Lab Signer", labKey, HashAlgorithmName.SHA256);
        labRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var lab = labRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4]);
        var key = _temp.Write("lab-key.pem", lab.ExportCertificatePem() + "\n" + labKey.ExportPkcs8PrivateKeyPem() + "\n");

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = new CertificateRequest("CN=IoTopia Lab Signer", otherKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _otherKey = _temp.Write("other-key.pem", other.ExportCertificatePem() + "\n" + otherKey.ExportPkcs8PrivateKeyPem() + "\n");

        _pristine = _temp.Sub("pristine");
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", RepoRoot.Combine("suites", "selftest"),
            "--out", _pristine, "--sign", key], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    private string FreshCopy()
    {
        var copy = _temp.Sub(Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(_pristine, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(_pristine, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    [Test]
    public async Task AGoodRunNamesItsSignerAndAnchor()
    {
        var result = await CertifyProgram.RunAsync("verify", FreshCopy(), "--trust-anchor", _anchor, "--require-signature");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("signature: valid, signed by CN=IoTopia Lab Signer, chained to trust anchor CN=IoTopia Lab Root"));
    }

    [Test]
    public async Task ARunReSignedByAnotherKeyIsRefusedByTheAnchor()
    {
        var run = FreshCopy();
        var sign = await CertifyProgram.RunAsync("sign", run, "--key", _otherKey);
        Assert.That(sign.ExitCode, Is.Zero, sign.ToString());
        var result = await CertifyProgram.RunAsync("verify", run, "--trust-anchor", _anchor);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("bad signature (the signer does not chain to the trust anchor"));
    }

    [Test]
    public async Task ATamperedRunReSignedBehindTheJournalsBackIsRefusedEvenWithoutAnchor()
    {
        var run = FreshCopy();
        var evidence = Directory.EnumerateFiles(Path.Combine(run, "evidence"), "*", SearchOption.AllDirectories).Order().First();
        File.AppendAllText(evidence, "forged");
        var folder = new RunFolder(run);
        ManifestWriter.Write(folder, "forged");        // what a forger with the folder can do: a fresh manifest …
        ManifestSigner.Sign(folder, _otherKey);         // … signed by their own key, the journal left as it was

        var plain = await CertifyProgram.RunAsync("verify", run);
        Assert.That(plain.ExitCode, Is.EqualTo(1), plain.ToString());
        Assert.That(plain.Stdout, Does.Contain("re-signed by another key"));
        var anchored = await CertifyProgram.RunAsync("verify", run, "--trust-anchor", _anchor);
        Assert.That(anchored.ExitCode, Is.EqualTo(1), anchored.ToString());
    }

    [Test]
    public async Task AnEditedIssuedSignerCertificateIsRefusedByTheAnchor()
    {
        var run = FreshCopy();
        var p7s = Path.Combine(run, "manifest.json.p7s");
        var bytes = File.ReadAllBytes(p7s);
        var name = System.Text.Encoding.ASCII.GetBytes("IoTopia Lab Signer");
        var at = bytes.AsSpan().IndexOf(name);
        Assert.That(at, Is.GreaterThan(0));
        System.Text.Encoding.ASCII.GetBytes("Trusted Cert Body!").CopyTo(bytes, at);
        File.WriteAllBytes(p7s, bytes);

        var result = await CertifyProgram.RunAsync("verify", run, "--trust-anchor", _anchor);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("bad signature"));
        Assert.That(result.Stdout, Does.Not.Contain("signed by CN=Trusted"));
    }

    [Test]
    public async Task AnAnchorThatIsNoCertificateIsBadInput()
    {
        var result = await CertifyProgram.RunAsync("verify", FreshCopy(), "--trust-anchor", _temp.Write("junk.pem", "not a certificate"));
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("--trust-anchor"));
    }
}
