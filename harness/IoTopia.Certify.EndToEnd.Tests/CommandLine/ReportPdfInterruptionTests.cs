using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>Ctrl-C stops a run promptly without printing report.pdf (the run is not finished); <c>certify resume</c> prints it.</summary>
[TestFixture]
public sealed class ReportPdfInterruptionTests
{
    [Test]
    public async Task AnInterruptedRunGetsItsPdfWhenResumed()
    {
        if (!File.Exists("/usr/bin/chromium"))
            Assert.Ignore("chromium is not installed; ./certify test installs it (apt-get install chromium)");
        using var temp = new TempFolder();
        var run = temp.Sub("run");
        var journal = Path.Combine(run, "journal.jsonl");
        var suite = Path.Combine(temp.Path, "resume.yaml"); // beside the marker: a suite may only name files in its own folder
        File.Copy(TestSuites.File("resume.yaml"), suite);
        string[] args = ["run", "--rig", TestSuites.InProcessRig, "--suite", suite, "--seed", "11",
            "--param", $"marker={temp.Write("marker", "")}", "--param", "long=20s", "--out", run];

        using (var harness = CertifyProgram.Start(args))
        {
            await Poll.UntilAsync(() => File.Exists(journal) && SharedFile.ReadAllText(journal).Contains("\"name\":\"wait\"", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the long wait");
            await LinuxProcess.SignalAsync(harness.Id, "INT");
            var result = await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(60));
            Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        }
        Assert.That(File.Exists(Path.Combine(run, "report.html")), Is.True, "the other reports are rendered");
        Assert.That(File.Exists(Path.Combine(run, "report.pdf")), Is.False);
        Assert.That(PdfNotes(run).Single()["data"]!["reason"]!.ToString(), Does.Contain("interrupted").And.Contain("certify resume"));
        Assert.That((await CertifyProgram.RunAsync("verify", run)).ExitCode, Is.Zero);

        var resumed = await CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(120));
        Assert.That(resumed.ExitCode, Is.EqualTo(1), "r.third fails on purpose: " + resumed);
        Assert.That(File.ReadAllBytes(Path.Combine(run, "report.pdf"))[..5], Is.EqualTo("%PDF-"u8.ToArray()));
        Assert.That(PdfNotes(run).Select(n => (bool)n["data"]!["printed"]!), Is.EqualTo(new[] { false, true }));
        Assert.That((await CertifyProgram.RunAsync("verify", run)).ExitCode, Is.Zero);
    }

    private static List<JsonObject> PdfNotes(string run) =>
        [.. new RunFolderReader(run).JournalEvents().Where(e => (string?)e["type"] == "note" && (string?)e["data"]?["report"] == "report.pdf")];
}
