using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Engine;

/// <summary>
/// Kills the harness with SIGKILL during a scenario that has a background activity and a child
/// process running, resumes it, and compares with an uninterrupted control run of the same seed.
/// </summary>
[TestFixture]
public sealed class ResumeTests
{
    private static string[] RunArgs(string suite, string marker, string outDir) =>
        ["run", "--rig", TestSuites.InProcessRig, "--suite", suite, "--seed", "11", "--param", $"marker={marker}", "--param", "long=4s", "--out", outDir];

    [Test]
    public async Task AKilledRunResumesToTheSameVerdictsAsAnUninterruptedOne()
    {
        using var temp = new TempFolder();
        var suite = Path.Combine(temp.Path, "resume.yaml");
        File.Copy(TestSuites.File("resume.yaml"), suite);

        var control = await CertifyProgram.RunAsync(RunArgs(suite, temp.Write("control.marker", ""), temp.Sub("control")), TimeSpan.FromSeconds(60));
        Assert.That(control.ExitCode, Is.EqualTo(1), control.ToString());

        var marker = temp.Write("killed.marker", "");
        var killedRun = temp.Sub("killed");
        var journal = Path.Combine(killedRun, "journal.jsonl");
        int childPid;
        using (var harness = CertifyProgram.Start(RunArgs(suite, marker, killedRun)))
        {
            await Poll.UntilAsync(() => LiveJournal.Find(journal, e => (string?)e["type"] == "step-started" && (string?)e["scenarioId"] == "r.second" && (string?)e["name"] == "wait"),
                TimeSpan.FromSeconds(30), "r.second to reach its long wait");
            childPid = (int)LiveJournal.Find(journal, e => (string?)e["type"] == "process-started")!["pid"]!;
            Assert.That(LinuxProcess.IsAlive(childPid), Is.True);
            harness.Kill(entireProcessTree: false); // SIGKILL the harness alone: its child is orphaned, as after a crash
            await harness.WaitForExitAsync();
        }
        Assert.That(LinuxProcess.IsAlive(childPid), Is.True, "the orphaned child survives the harness");
        await File.AppendAllTextAsync(journal, "{\"type\":\"step-ended\",\"sc"); // a torn last line

        var resumed = await CertifyProgram.RunAsync(["resume", killedRun], TimeSpan.FromSeconds(60));
        Assert.That(resumed.ExitCode, Is.EqualTo(control.ExitCode), resumed.ToString());

        var expected = new RunFolderReader(temp.Sub("control"));
        var actual = new RunFolderReader(killedRun);
        string[] Verdicts(RunFolderReader r) => r.Results["scenarios"]!.AsArray().Select(s => $"{s!["id"]}={s["verdict"]}").ToArray();
        Assert.That(Verdicts(actual), Is.EqualTo(Verdicts(expected)));

        var attempts = actual.Attempts("r.second");
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.That((bool?)attempts[0]!["interrupted"], Is.True);
        Assert.That((string?)attempts[0]!["reason"], Does.StartWith("interrupted"));
        Assert.That((string?)attempts[1]!["verdict"], Is.EqualTo("pass"));

        var lines = File.ReadAllLines(marker);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => l.StartsWith("r.first ")), Is.EqualTo(1), "a finished scenario never runs twice");
            Assert.That(lines, Does.Contain("r.second attempt 1 Cleanup"), "the interrupted attempt's clean-up ran on resume");
            Assert.That(lines, Does.Contain("r.second attempt 2 Steps"));
            Assert.That(lines, Does.Contain("r.second attempt 2 Cleanup"));
            Assert.That(lines.Count(l => l.StartsWith("r.third ")), Is.EqualTo(1));
        });

        Assert.That(LinuxProcess.IsAlive(childPid), Is.False, "resume reaped the killed run's child process");
        var resumedEvent = actual.JournalEvents().Single(e => (string?)e["type"] == "run-resumed");
        Assert.That(resumedEvent["reapedPids"]!.AsArray().Select(p => (int)p!), Does.Contain(childPid));
        Assert.That((long)resumedEvent["tornBytesDropped"]!, Is.GreaterThan(0));
        Assert.That((long)actual.Results["run"]!["seed"]!, Is.EqualTo(11), "the recorded seed is reused");

        var verify = await CertifyProgram.RunAsync("verify", killedRun);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }

    [Test]
    public async Task CtrlCCleansUpExits130AndResumeRefusesChangedInputs()
    {
        using var temp = new TempFolder();
        var suite = Path.Combine(temp.Path, "resume.yaml");
        File.Copy(TestSuites.File("resume.yaml"), suite);
        var marker = temp.Write("marker", "");
        var runDir = temp.Sub("run");
        var journal = Path.Combine(runDir, "journal.jsonl");

        using (var harness = CertifyProgram.Start(RunArgs(suite, marker, runDir)))
        {
            await Poll.UntilAsync(() => LiveJournal.Find(journal, e => (string?)e["type"] == "step-started" && (string?)e["name"] == "wait"),
                TimeSpan.FromSeconds(30), "the long wait");
            await LinuxProcess.SignalAsync(harness.Id, "INT");
            var result = await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(30));
            Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        }
        Assert.That(File.ReadAllLines(marker), Does.Contain("r.second attempt 1 Cleanup"), "Ctrl-C still runs clean-up");
        var interrupted = new RunFolderReader(runDir);
        Assert.That((string?)interrupted.Scenario("r.third")["reason"], Does.Contain("resume"));

        var original = await File.ReadAllTextAsync(suite);
        await File.WriteAllTextAsync(suite, original + "\n# changed\n");
        var refused = await CertifyProgram.RunAsync("resume", runDir);
        Assert.That(refused.ExitCode, Is.EqualTo(3));
        Assert.That(refused.Stderr, Does.Contain($"{suite} changed since the run began"));

        await File.WriteAllTextAsync(suite, original);
        var resumed = await CertifyProgram.RunAsync("resume", runDir);
        Assert.That(resumed.ExitCode, Is.EqualTo(1), resumed.ToString());
        var done = new RunFolderReader(runDir);
        Assert.That(done.Attempts("r.second").Select(a => (bool?)a!["interrupted"] ?? false), Is.EqualTo(new[] { true, false }));
        Assert.That(File.ReadAllLines(marker).Count(l => l == "r.second attempt 1 Cleanup"), Is.EqualTo(1), "an attempt cleaned up at Ctrl-C is not cleaned up again");

        var again = await CertifyProgram.RunAsync("resume", runDir);
        Assert.That(again.ExitCode, Is.EqualTo(3), "a finished run has nothing to resume");
    }
}
