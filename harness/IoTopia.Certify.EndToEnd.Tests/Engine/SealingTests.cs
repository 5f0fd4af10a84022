using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Engine;

/// <summary>
/// A run is always sealable: SIGKILL the harness at the start, during a scenario, while report.pdf is printed and
/// while the run is sealed, then <c>resume</c> — every folder ends sealed, intact for <c>verify</c>, with report.pdf
/// and the same verdicts as an uninterrupted control run. Kill points are journal events, not times.
/// </summary>
[TestFixture]
public sealed class SealingTests
{
    private TempFolder _temp = null!;
    private string _suite = null!;
    private string[] _controlVerdicts = null!;
    private int _controlExit;

    private string[] RunArgs(string name) =>
        ["run", "--rig", TestSuites.InProcessRig, "--suite", _suite, "--seed", "11", "--param", $"marker={_temp.Write(name + ".marker", "")}",
         "--param", "long=2s", "--out", _temp.Sub(name)];

    private static string[] Verdicts(string run) =>
        new RunFolderReader(run).Results["scenarios"]!.AsArray().Select(s => $"{s!["id"]}={s["verdict"]}").ToArray();

    [OneTimeSetUp]
    public async Task RunTheControl()
    {
        _temp = new TempFolder();
        _suite = Path.Combine(_temp.Path, "resume.yaml");
        File.Copy(TestSuites.File("resume.yaml"), _suite);
        var control = await CertifyProgram.RunAsync(RunArgs("control"), TimeSpan.FromSeconds(120));
        _controlExit = control.ExitCode;
        Assert.That(_controlExit, Is.EqualTo(1), control.ToString());
        _controlVerdicts = Verdicts(_temp.Sub("control"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    private static Func<JsonObject, bool> Type(string type) => e => (string?)e["type"] == type;

    [TestCase("at-start")]
    [TestCase("during-a-scenario")]
    [TestCase("while-printing")]
    [TestCase("while-sealing")]
    public async Task AKillEndsSealedAfterResume(string when)
    {
        Func<JsonObject, bool> killPoint = when switch
        {
            "at-start" => Type("run-started"),
            "during-a-scenario" => e => Type("step-started")(e) && (string?)e["scenarioId"] == "r.second" && (string?)e["name"] == "wait",
            "while-printing" => e => Type("process-started")(e) && ((string?)e["command"] ?? "").Contains("chromium", StringComparison.Ordinal),
            _ => e => Type("note")(e) && ((string?)e["text"] ?? "").StartsWith("sealing the run", StringComparison.Ordinal),
        };
        var run = _temp.Sub(when);
        var journal = Path.Combine(run, "journal.jsonl");
        using (var harness = CertifyProgram.Start(RunArgs(when)))
        {
            await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(killPoint), TimeSpan.FromSeconds(90), $"the kill point ({when})");
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }

        var resumed = await CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(120));
        // A kill that lands after the manifest was written leaves a sealed run, which resume refuses to touch (exit 3);
        // that run must then be as sealed, intact and complete as a resumed one.
        var sealedBeforeTheKill = when == "while-sealing" && resumed.ExitCode == 3 && resumed.Stderr.Contains("already ended and is sealed");
        if (!sealedBeforeTheKill)
            Assert.That(resumed.ExitCode, Is.EqualTo(_controlExit), resumed.ToString());
        await AssertSealedAsync(run);
    }

    [Test]
    public async Task ARunCutOffWhileWritingItsManifestIsSealedByResume()
    {
        // what a kill or a full disk during the manifest write leaves: no manifest.json, a manifest.json.tmp
        var run = _temp.Sub("cut-manifest");
        var made = await CertifyProgram.RunAsync(RunArgs("cut-manifest"), TimeSpan.FromSeconds(120));
        Assert.That(made.ExitCode, Is.EqualTo(_controlExit), made.ToString());
        File.Delete(Path.Combine(run, "manifest.json"));
        File.WriteAllText(Path.Combine(run, "manifest.json.tmp"), "");
        File.Delete(Path.Combine(run, "report.pdf"));

        var before = await CertifyProgram.RunAsync("verify", run);
        Assert.That(before.ExitCode, Is.EqualTo(3), before.ToString());
        Assert.That(before.Stderr, Does.Contain("not sealed yet"));

        var resumed = await CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(120));
        Assert.That(resumed.ExitCode, Is.EqualTo(_controlExit), resumed.ToString());
        Assert.That(File.Exists(Path.Combine(run, "manifest.json.tmp")), Is.False);
        await AssertSealedAsync(run);

        var again = await CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(60));
        Assert.That(again.ExitCode, Is.EqualTo(3), again.ToString());
        Assert.That(again.Stderr, Does.Contain("already ended and is sealed"));
    }

    private async Task AssertSealedAsync(string run)
    {
        var verify = await CertifyProgram.RunAsync("verify", run);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        Assert.That(Verdicts(run), Is.EqualTo(_controlVerdicts));
        Assert.That(File.Exists(Path.Combine(run, "report.pdf")), Is.True, "resume prints report.pdf");
    }
}
