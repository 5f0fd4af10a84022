using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Integrity;

/// <summary><c>certify verify</c> finds every changed, missing or added file by name, and a bad signature.</summary>
[TestFixture]
public sealed class VerifyTests
{
    private TempFolder _temp = null!;
    private string _pristine = null!;
    private string _key = null!;

    [OneTimeSetUp]
    public async Task MakeASignedRun()
    {
        _temp = new TempFolder();
        _key = WriteLabKey(_temp);
        _pristine = _temp.Sub("pristine");
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", RepoRoot.Combine("suites", "selftest"),
            "--out", _pristine, "--sign", _key], TimeSpan.FromSeconds(60));
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

    private static void FlipOneByte(string file, int? at = null)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[at ?? bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
    }

    private static string FirstEvidence(string run) =>
        Directory.EnumerateFiles(Path.Combine(run, "evidence"), "*", SearchOption.AllDirectories).Order().First();

    [Test]
    public async Task AnUntouchedRunIsIntactAndItsSignatureValid()
    {
        var result = await CertifyProgram.RunAsync("verify", FreshCopy());
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("signature: valid, signed by CN=IoTopia Test Lab"));
    }

    [TestCase("evidence")]
    [TestCase("results.json")]
    [TestCase("journal.jsonl")]
    public async Task OneChangedByteIsFoundByName(string which)
    {
        var run = FreshCopy();
        var file = which == "evidence" ? FirstEvidence(run) : Path.Combine(run, which);
        FlipOneByte(file);
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain($"{Path.GetRelativePath(run, file)}: changed"));
    }

    [Test]
    public async Task ARemovedFileIsFoundByName()
    {
        var run = FreshCopy();
        var file = FirstEvidence(run);
        File.Delete(file);
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain($"{Path.GetRelativePath(run, file)}: missing"));
    }

    [Test]
    public async Task AnAddedFileIsFoundByName()
    {
        var run = FreshCopy();
        File.WriteAllText(Path.Combine(run, "evidence", "planted.txt"), "not from the run");
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("evidence/planted.txt: added"));
    }

    [Test]
    public async Task ATamperedSignatureFails()
    {
        var run = FreshCopy();
        var p7s = Path.Combine(run, "manifest.json.p7s");
        FlipOneByte(p7s, (int)new FileInfo(p7s).Length - 3); // inside the signature value, the last field of the SignerInfo
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("manifest.json.p7s: bad signature"));
    }

    [Test]
    public async Task AManifestEditedToMatchATamperedFileFailsOnTheSignature()
    {
        var run = FreshCopy();
        var manifest = Path.Combine(run, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"size\": ", "\"size\":  "));
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("bad signature"));
    }

    [Test]
    public async Task SignCommandSignsAnExistingRun()
    {
        var run = FreshCopy();
        File.Delete(Path.Combine(run, "manifest.json.p7s"));
        var unsigned = await CertifyProgram.RunAsync("verify", run);
        Assert.That(unsigned.Stdout, Does.Contain("signature: none"));
        var sign = await CertifyProgram.RunAsync("sign", run, "--key", _key);
        Assert.That(sign.ExitCode, Is.Zero, sign.ToString());
        var verify = await CertifyProgram.RunAsync("verify", run);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        Assert.That(verify.Stdout, Does.Contain("signature: valid"));
    }

    [Test]
    public async Task OpensslAcceptsTheSignature()
    {
        var run = FreshCopy();
        var openssl = await Openssl.RunAsync("cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(run, "manifest.json.p7s"),
            "-content", Path.Combine(run, "manifest.json"), "-noverify", "-out", "/dev/null");
        Assert.That(openssl.ExitCode, Is.Zero, openssl.Stderr);
        Assert.That(openssl.Stderr, Does.Contain("Verification successful"));
    }

    [Test]
    public async Task AFolderThatIsNotARunIsBadInput()
    {
        var result = await CertifyProgram.RunAsync("verify", _temp.Path);
        Assert.That(result.ExitCode, Is.EqualTo(3));
    }

    private static string WriteLabKey(TempFolder temp)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=IoTopia Test Lab", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return temp.Write("lab-key.pem", certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
