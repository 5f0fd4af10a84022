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

    [Test]
    public async Task ATrailingSlashVerifiesTheSame()
    {
        var result = await CertifyProgram.RunAsync("verify", FreshCopy() + "/");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Not.Contain("outside the run folder"));
    }

    [Test]
    public async Task ADeletedSignatureOfASignedRunIsFoundWithoutOptions()
    {
        var run = FreshCopy();
        File.Delete(Path.Combine(run, "manifest.json.p7s"));
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("manifest.json.p7s: missing, but the journal records that the run was signed by CN=IoTopia Test Lab"));
    }

    [Test]
    public async Task AnEditedSignerCertificateIsRefusedLikeOpensslDoes()
    {
        var run = FreshCopy();
        var p7s = Path.Combine(run, "manifest.json.p7s");
        var bytes = File.ReadAllBytes(p7s);
        var name = System.Text.Encoding.ASCII.GetBytes("IoTopia Test Lab");
        var forged = System.Text.Encoding.ASCII.GetBytes("Trusted CertBody"); // same length: the DER stays well-formed
        var at = bytes.AsSpan().IndexOf(name);
        Assert.That(at, Is.GreaterThan(0), "the signer's name is inside the signature");
        while (at >= 0)
        {
            forged.CopyTo(bytes, at);
            at = bytes.AsSpan().IndexOf(name);
        }
        File.WriteAllBytes(p7s, bytes);

        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("manifest.json.p7s: bad signature").And.Contain("edited certificate"));
        Assert.That(result.Stdout, Does.Not.Contain("signed by CN=Trusted"));
    }

    [Test]
    public async Task RequireSignatureFailsAnUnsignedRun()
    {
        var unsigned = _temp.Sub(Guid.NewGuid().ToString("N"));
        var made = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", RepoRoot.Combine("suites", "selftest"),
            "--out", unsigned], TimeSpan.FromSeconds(60));
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        Assert.That((await CertifyProgram.RunAsync("verify", unsigned)).ExitCode, Is.Zero, "unsigned is intact without the option");
        var result = await CertifyProgram.RunAsync("verify", unsigned, "--require-signature");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("a signature is required"));
    }

    [TestCase("{\"schemaVersion\": 1, \"run\": \"x\", \"created\": \"2026-01-01T00:00:00Z\", \"files\": null}", "no \"files\" list")]
    [TestCase("{\"schemaVersion\": 1, \"run\": \"x\", \"created\": \"2026-01-01T00:00:00Z\", \"files\": [{\"path\": null, \"sha256\": null, \"size\": 1}]}", "files[0] is malformed")]
    [TestCase("{\"schemaVersion\": 1, \"run\": \"x\", \"created\": \"2026-01-01T00:00:00Z\", \"files\": [null]}", "files[0] is malformed")]
    public async Task AMalformedManifestIsAProblemNotACrash(string manifest, string expected)
    {
        var run = FreshCopy();
        File.WriteAllText(Path.Combine(run, "manifest.json"), manifest);
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain(expected));
    }

    [Test]
    public async Task AFifoInPlaceOfAnEvidenceFileIsChangedNotAHang()
    {
        var run = FreshCopy();
        var file = FirstEvidence(run);
        File.Delete(file);
        Fifo.Create(file);
        var result = await CertifyProgram.RunAsync(["verify", run], TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain($"{Path.GetRelativePath(run, file)}: changed (not a regular file"));
    }

    [Test]
    public async Task ASignatureThatIsAFifoOrEndlessIsBadNotAHang()
    {
        var run = FreshCopy();
        var p7s = Path.Combine(run, "manifest.json.p7s");
        File.Delete(p7s);
        File.CreateSymbolicLink(p7s, "/dev/zero");
        var endless = await CertifyProgram.RunAsync(["verify", run], TimeSpan.FromSeconds(30));
        Assert.That(endless.ExitCode, Is.EqualTo(1), endless.ToString());
        Assert.That(endless.Stdout, Does.Contain("manifest.json.p7s: bad signature").And.Contain("not a regular file"));

        File.Delete(p7s);
        Fifo.Create(p7s);
        var fifo = await CertifyProgram.RunAsync(["verify", run], TimeSpan.FromSeconds(30));
        Assert.That(fifo.ExitCode, Is.EqualTo(1), fifo.ToString());
        Assert.That(fifo.Stdout, Does.Contain("manifest.json.p7s: bad signature").And.Contain("not a regular file"));
    }

    [Test]
    public async Task AnUnsealedRunSaysHowToSealIt()
    {
        var run = FreshCopy();
        File.Delete(Path.Combine(run, "manifest.json"));
        var result = await CertifyProgram.RunAsync("verify", run);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("not sealed yet").And.Contain("certify resume"));
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
