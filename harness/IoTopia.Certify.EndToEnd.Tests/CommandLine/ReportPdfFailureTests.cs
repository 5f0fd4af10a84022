using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>
/// Chromium missing (CERTIFY_CHROMIUM names a file that does not exist): the run's verdicts and exit code are those
/// of the same run with Chromium, report.pdf is absent, the reason is journalled and said on stderr, and the run
/// verifies. <c>certify report</c> prints report.pdf again, or says why not.
/// </summary>
[TestFixture]
public sealed class ReportPdfFailureTests
{
    private const string Missing = "/nonexistent/chromium";

    private TempFolder _temp = null!;
    private string _without = null!;
    private string _with = null!;
    private ProgramResult _withoutResult = null!;
    private ProgramResult _withResult = null!;

    [OneTimeSetUp]
    public async Task RunTheSameSuitesWithAndWithoutChromium()
    {
        if (!File.Exists("/usr/bin/chromium"))
            Assert.Ignore("chromium is not installed; ./certify test installs it (apt-get install chromium)");
        _temp = new TempFolder();
        _without = _temp.Sub("without");
        _with = _temp.Sub("with");
        string[] Run(string outDir) => ["run", "--rig", TestSuites.InProcessRig, "--suite", TestSuites.File("verdicts.yaml"),
            "--filter", "v.pass,v.fail-measurement", "--seed", "7", "--out", outDir];
        var without = CertifyProgram.RunAsync(Run(_without), TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["CERTIFY_CHROMIUM"] = Missing });
        var with = CertifyProgram.RunAsync(Run(_with), TimeSpan.FromSeconds(90));
        _withoutResult = await without;
        _withResult = await with;
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp?.Dispose();

    [Test]
    public void TheExitCodeAndVerdictsAreThoseOfTheRunWithChromium()
    {
        Assert.That(_withResult.ExitCode, Is.EqualTo(1), _withResult.ToString());
        Assert.That(_withoutResult.ExitCode, Is.EqualTo(_withResult.ExitCode), _withoutResult.ToString());
        Assert.That(Verdicts(_without), Is.EqualTo(Verdicts(_with)));
        Assert.That(_withoutResult.Stdout, Does.Contain("tier T3: fail"));
    }

    [Test]
    public void ThePdfIsAbsentAndTheOtherReportsArePresent()
    {
        Assert.That(File.Exists(Path.Combine(_with, "report.pdf")), Is.True, "the control run has its PDF");
        Assert.That(File.Exists(Path.Combine(_without, "report.pdf")), Is.False);
        Assert.That(_withResult.Stdout, Does.Contain("report.pdf: printed in "));
        Assert.That(_withoutResult.Stdout, Does.Not.Contain("report.pdf: printed"));
        foreach (var report in new[] { "report.html", "report.md", "junit.xml" })
            Assert.That(File.Exists(Path.Combine(_without, report)), Is.True, report);
        Assert.That(Directory.GetFiles(_without, "*.tmp"), Is.Empty);
    }

    [Test]
    public void TheReasonIsSaidOnStderrAndJournalled()
    {
        Assert.That(_withoutResult.Stderr, Does.Contain($"report.pdf not printed: chromium not found: {Missing} does not exist"));
        Assert.That(_withoutResult.Stderr, Does.Contain("CERTIFY_CHROMIUM").And.Contain($"certify report {_without}"));
        var note = new RunFolderReader(_without).JournalEvents().Single(e => (string?)e["type"] == "note" && (string?)e["data"]?["report"] == "report.pdf");
        Assert.That((bool?)note["data"]!["printed"], Is.False);
        Assert.That((string?)note["data"]!["reason"], Is.EqualTo($"chromium not found: {Missing} does not exist"));
        Assert.That((string?)note["data"]!["chromium"], Is.EqualTo(Missing));
    }

    [Test]
    public async Task TheRunWithoutItsPdfVerifies()
    {
        var result = await CertifyProgram.RunAsync("verify", _without);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task ReportPrintsThePdfOnceChromiumIsThere()
    {
        var copy = CopyOf(_without, "reprinted");
        var result = await CertifyProgram.RunAsync(["report", copy], TimeSpan.FromSeconds(90));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain($"printed {Path.Combine(copy, "report.pdf")} in "));
        Assert.That(File.ReadAllBytes(Path.Combine(copy, "report.pdf"))[..5], Is.EqualTo("%PDF-"u8.ToArray()));
    }

    [Test]
    public async Task ReportWithoutChromiumSaysSoAndLeavesNoStalePdf()
    {
        var copy = CopyOf(_with, "stale");
        Assert.That(File.Exists(Path.Combine(copy, "report.pdf")), Is.True);
        var result = await CertifyProgram.RunAsync(["report", copy], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["CERTIFY_CHROMIUM"] = Missing });
        Assert.That(result.ExitCode, Is.Zero, "the other reports were rendered: " + result);
        Assert.That(result.Stderr, Does.Contain($"report.pdf not printed: chromium not found: {Missing} does not exist"));
        Assert.That(File.Exists(Path.Combine(copy, "report.pdf")), Is.False, "an older PDF would not match the new report.html");
    }

    private static Dictionary<string, string> Verdicts(string run) =>
        new RunFolderReader(run).Results["scenarios"]!.AsArray().ToDictionary(s => (string)s!["id"]!, s => (string)s!["verdict"]!);

    private string CopyOf(string run, string name)
    {
        var copy = _temp.Sub(name);
        Directory.CreateDirectory(copy);
        foreach (var file in new[] { "results.json", "report.pdf" }.Select(f => Path.Combine(run, f)).Where(File.Exists))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }
}
