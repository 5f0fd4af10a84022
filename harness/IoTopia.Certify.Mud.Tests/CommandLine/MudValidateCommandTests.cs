using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.CommandLine;

/// <summary><c>certify mud validate</c> run as the built program: output, escaping and exit codes.</summary>
public class MudValidateCommandTests
{
    [Test]
    public async Task ValidFileExitsZeroAndPrintsFacts()
    {
        var result = await CertifyProgram.RunAsync("mud", "validate", Glow40.Path);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stdout, Does.Contain("fact is-supported: true"));
            Assert.That(result.Stdout, Does.Contain("fact transparency: RFC 9472"));
            Assert.That(result.Stdout, Does.Contain($"{Glow40.Path}: valid (0 warnings)"));
        });
    }

    [Test]
    public async Task InvalidFileExitsOneWithFileLineSeverityRuleAndPath()
    {
        using var folder = new TempFolder();
        var tree = Glow40.Tree();
        Glow40.Container(tree)["cache-validity"] = 200;
        var file = folder.Write("bad.json", Glow40.Serialize(tree));
        var result = await CertifyProgram.RunAsync("mud", "validate", file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Match($@"{System.Text.RegularExpressions.Regex.Escape(file)}:7: error cache-validity-range: .* at \$\.ietf-mud:mud\.cache-validity"));
            Assert.That(result.Stdout, Does.Contain("INVALID (1 error, 0 warnings)"));
        });
    }

    [Test]
    public async Task WarningsAloneExitZero()
    {
        using var folder = new TempFolder();
        var text = Glow40.Text.Replace("\"ietf-access-control-list:acls\"", "\"ietf-access-control-list:access-lists\"", StringComparison.Ordinal);
        var result = await CertifyProgram.RunAsync("mud", "validate", folder.Write("legacy.json", text));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stdout, Does.Contain("warning legacy-access-lists:"));
            Assert.That(result.Stdout, Does.Contain("valid (1 warning)"));
        });
    }

    [Test]
    public async Task SeveralFilesOneInvalidExitsOne()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.json", "{\"ietf-mud:mud\": {}}");
        var result = await CertifyProgram.RunAsync("mud", "validate", Glow40.Path, bad);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Contain($"{Glow40.Path}: valid"));
            Assert.That(result.Stdout, Does.Contain($"{bad}: INVALID (4 errors"));
        });
    }

    [Test]
    public async Task UnreadableFileExitsThree()
    {
        var result = await CertifyProgram.RunAsync("mud", "validate", "/nonexistent/mud.json");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Stderr, Does.Contain("/nonexistent/mud.json: cannot read"));
        });
    }

    [TestCase("--ignore-time")]
    [TestCase("--trust-anchor", "x.pem")]
    public async Task SignatureOptionsWithoutASignatureExitThree(params string[] options)
    {
        var result = await CertifyProgram.RunAsync(["mud", "validate", Glow40.Path, .. options]);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
    }

    [Test]
    public async Task BadArgumentsExitThree()
    {
        using var pki = new SignedFixture();
        var both = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", pki.Anchor, "--ignore-time", "--at", "2030-01-01T00:00:00Z");
        var badTime = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", pki.Anchor, "--at", "someday");
        var noAnchor = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature);
        var twoFiles = await CertifyProgram.RunAsync("mud", "validate", pki.File, Glow40.Path, "--signature", pki.Signature, "--trust-anchor", pki.Anchor);
        var notPem = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", Glow40.Path);
        Assert.Multiple(() =>
        {
            Assert.That(both.ExitCode, Is.EqualTo(3), both.ToString());
            Assert.That(badTime.ExitCode, Is.EqualTo(3), badTime.ToString());
            Assert.That(noAnchor.ExitCode, Is.EqualTo(3), noAnchor.ToString());
            Assert.That(twoFiles.ExitCode, Is.EqualTo(3), twoFiles.ToString());
            Assert.That(notPem.ExitCode, Is.EqualTo(3), notPem.ToString());
        });
    }

    [Test]
    public async Task GoodSignatureExitsZeroAndBadExitsOne()
    {
        using var pki = new SignedFixture();
        var good = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", pki.Anchor);
        File.AppendAllText(pki.File, " ");
        var bad = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", pki.Anchor);
        Assert.Multiple(() =>
        {
            Assert.That(good.ExitCode, Is.EqualTo(0), good.ToString());
            Assert.That(good.Stdout, Does.Contain($"signature {pki.Signature}: valid"));
            Assert.That(good.Stdout, Does.Contain("time validity: checked at"));
            Assert.That(bad.ExitCode, Is.EqualTo(1), bad.ToString());
            Assert.That(bad.Stdout, Does.Contain("failure: the signature does not verify over the file's exact bytes"));
        });
    }

    [Test]
    public async Task CorpusLuminaireFailsOnTimeAndPassesWaived()
    {
        string[] args = ["mud", "validate", Corpus.File("cisco-example-luminaire-150.json"),
            "--signature", Corpus.File("cisco-example-luminaire-150.p7s"), "--trust-anchor", Corpus.File("cisco-example-luminaire-150-signer-cacert.pem")];
        var strict = await CertifyProgram.RunAsync(args);
        var waived = await CertifyProgram.RunAsync([.. args, "--ignore-time"]);
        var asOf = await CertifyProgram.RunAsync([.. args, "--at", "2018-12-01T00:00:00Z"]);
        Assert.Multiple(() =>
        {
            Assert.That(strict.ExitCode, Is.EqualTo(1), strict.ToString());
            Assert.That(strict.Stdout, Does.Contain("failure: time validity: O=Demo Luminaire Manufacturer"));
            Assert.That(waived.ExitCode, Is.EqualTo(0), waived.ToString());
            Assert.That(waived.Stdout, Does.Contain("time validity: waived (--ignore-time); without the waiver it fails"));
            Assert.That(asOf.ExitCode, Is.EqualTo(0), asOf.ToString());
            Assert.That(asOf.Stdout, Does.Contain("time validity: checked as of 2018-12-01T00:00:00Z (--at)"));
        });
    }

    [Test]
    public async Task JsonReportIsMachineReadable()
    {
        using var pki = new SignedFixture();
        using var folder = new TempFolder();
        var bad = folder.Write("bad.json", Glow40.Text.Replace("\"mud-version\": 1", "\"mud-version\": 3", StringComparison.Ordinal));
        var valid = await CertifyProgram.RunAsync("mud", "validate", pki.File, "--signature", pki.Signature, "--trust-anchor", pki.Anchor, "--json");
        var invalid = await CertifyProgram.RunAsync("mud", "validate", bad, "--json");
        var good = JsonNode.Parse(valid.Stdout)!;
        var wrong = JsonNode.Parse(invalid.Stdout)!;
        var problem = wrong["files"]![0]!["problems"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(valid.ExitCode, Is.EqualTo(0), valid.ToString());
            Assert.That(good["valid"]!.GetValue<bool>(), Is.True);
            Assert.That(good["signature"]!["valid"]!.GetValue<bool>(), Is.True);
            Assert.That(good["signature"]!["timeWaived"]!.GetValue<bool>(), Is.False);
            Assert.That(good["files"]![0]!["facts"]!["is-supported"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(invalid.ExitCode, Is.EqualTo(1), invalid.ToString());
            Assert.That(wrong["valid"]!.GetValue<bool>(), Is.False);
            Assert.That(problem["rule"]!.GetValue<string>(), Is.EqualTo("mud-version"));
            Assert.That(problem["severity"]!.GetValue<string>(), Is.EqualTo("error"));
            Assert.That(problem["line"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(problem["path"]!.GetValue<string>(), Is.EqualTo("$.ietf-mud:mud.mud-version"));
        });
    }

    [Test]
    public async Task DeviceStringsAreEscapedForTheTerminal()
    {
        using var folder = new TempFolder();
        var tree = Glow40.Tree();
        Glow40.Container(tree)["systeminfo"] = "Glow\u001b[2J\u001b]0;owned\u0007 40\r\nfake: valid";
        Glow40.Container(tree)["mud-url"] = "http://bulbs.example.net/\u001b[31mred";
        var file = folder.Write("hostile.json", tree.ToJsonString());
        var result = await CertifyProgram.RunAsync("mud", "validate", file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Not.Contain("\u001b"));
            Assert.That(result.Stdout, Does.Not.Contain("\u0007"));
            Assert.That(result.Stdout, Does.Not.Contain("\r"));
            Assert.That(result.Stdout.Split('\n'), Has.None.StartsWith("fake: valid"));
            Assert.That(result.Stdout, Does.Contain("error mud-url-https:"));
        });
    }

    /// <summary>The fixture, signed by a CA made here, in a temp folder.</summary>
    private sealed class SignedFixture : IDisposable
    {
        private readonly TempFolder folder = new();

        public SignedFixture()
        {
            using var ca = TestPki.CreateCa("CN=Example Bulbs MUD CA, O=Example Bulbs");
            using var signer = TestPki.CreateSigner(ca, "CN=mud-signer, O=Example Bulbs");
            File = folder.Write("glow40.json", Glow40.Bytes);
            Signature = folder.Write("glow40.p7s", MudFileSigner.Sign(Glow40.Bytes, signer));
            Anchor = folder.Write("ca.pem", ca.ExportCertificatePem());
        }

        public string File { get; }

        public string Signature { get; }

        public string Anchor { get; }

        public void Dispose() => folder.Dispose();
    }
}
