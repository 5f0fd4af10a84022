using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>
/// report.pdf of a real run on the virtual rig, its device printing hostile strings: printed by Chromium before the
/// manifest seals the run, its SHA-256 and the browser process journalled, every requirement ID and the device's
/// strings (as inert text) in it, read back with poppler.
/// </summary>
[TestFixture]
public sealed class ReportPdfTests
{
    private TempFolder _temp = null!;
    private string _run = null!;
    private RunFolderReader _reader = null!;

    [OneTimeSetUp]
    public async Task RunTheHostileDeviceOnTheVirtualRig()
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it (apt-get install socat)");
        if (!File.Exists("/usr/bin/chromium"))
            Assert.Ignore("chromium is not installed; ./certify test installs it (apt-get install chromium)");
        Poppler.RequireInstalled();
        _temp = new TempFolder();
        _run = _temp.Sub("run");
        var result = await CertifyProgram.RunAsync(["run", "--suite", RepoRoot.Combine("suites", "smoke"), "--suite", TestSuites.File("hostile-device.yaml"),
            "--personality", "hostile-output", "--filter", "smoke.boot-banner,hd.*", "--seed", "5", "--out", _run], TimeSpan.FromMinutes(3));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stderr, Does.Not.Contain("report.pdf not printed"), result.ToString());
        _reader = new RunFolderReader(_run);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp?.Dispose();

    private string Pdf => Path.Combine(_run, "report.pdf");

    [Test]
    public void ThePdfIsThereAndItsHashIsJournalledInsideWhatTheManifestSeals()
    {
        var bytes = File.ReadAllBytes(Pdf);
        Assert.That(bytes[..5], Is.EqualTo("%PDF-"u8.ToArray()));

        var events = _reader.JournalEvents();
        var note = events.Single(e => (string?)e["type"] == "note" && (string?)e["data"]?["report"] == "report.pdf");
        Assert.That((bool?)note["data"]!["printed"], Is.True);
        Assert.That((string?)note["data"]!["sha256"], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That((long?)note["data"]!["size"], Is.EqualTo(bytes.LongLength));
        Assert.That((string)note["text"]!, Does.StartWith("report.pdf printed by /usr/bin/chromium in "));

        var browser = events.Single(e => (string?)e["type"] == "process-started" && ((string)e["command"]!).Contains("--print-to-pdf=", StringComparison.Ordinal));
        Assert.That((long)browser["startTicks"]!, Is.GreaterThan(0));
        Assert.That((string)browser["command"]!, Does.Contain("--disable-background-networking").And.Contain("--host-resolver-rules=MAP * ~NOTFOUND"));
        var ended = events.Single(e => (string?)e["type"] == "process-ended" && (int)e["pid"]! == (int)browser["pid"]!);
        Assert.That((int?)ended["exitCode"], Is.Zero);
        Assert.That((bool)ended["killed"]!, Is.False);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_run, "manifest.json")))!["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => (string)f!["sha256"]!);
        Assert.That(manifest["journal.jsonl"], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_run, "journal.jsonl"))))),
            "the journal, with the PDF's hash in it, was sealed after the PDF was printed");
        Assert.That(manifest.Keys, Has.None.StartsWith("report."), "reports are re-renderable and not in the manifest (CONTRACTS.md)");
    }

    [Test]
    public async Task VerifyFindsTheRunIntact()
    {
        var result = await CertifyProgram.RunAsync("verify", _run);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task ThePdfHoldsEveryRequirementIdOfTheRunAsText()
    {
        var text = await Poppler.TextAsync(Pdf);
        var ids = _reader.Results["requirements"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(40));
        foreach (var id in ids)
            Assert.That(text, Does.Contain(id));
        Assert.That(text, Does.Contain("smoke.boot-banner").And.Contain("hd.read-hostile-strings"));
    }

    [Test]
    public async Task TheDevicesHostileStringsAreInertTextInThePdf()
    {
        var squeezed = Poppler.Squeezed(await Poppler.TextAsync(Pdf));
        Assert.That(squeezed, Does.Contain("<script>alert(1)</script>").And.Contain("{{7*7}}").And.Contain("{%raw%}").And.Contain("[red]"),
            "the device's markup and template syntax are shown as text");
        Assert.That(squeezed, Does.Contain(@"\x1B[31m"), "its ANSI escape is shown, not interpreted");
        Assert.That(squeezed, Does.Not.Contain("\u001b").And.Not.Contain("\0"));
        Assert.That(await Poppler.InfoAsync(Pdf), Does.Match(@"JavaScript:\s+no"));
        var evidence = new Uri(Path.Combine(_run, "evidence") + "/").AbsoluteUri;
        Assert.That(await Poppler.UrlsAsync(Pdf), Has.All.StartsWith(evidence), "the only links are to the run's own evidence");
    }
}
