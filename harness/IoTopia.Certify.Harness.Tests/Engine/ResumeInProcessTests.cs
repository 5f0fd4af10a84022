using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Tests.Support;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Engine;

/// <summary>
/// A run interrupted mid-scenario (as by Ctrl-C) and resumed, in this process: the interrupted attempt is cleaned
/// up and kept, finished scenarios never run again, and the verdicts are those of an uninterrupted run. (Killing
/// the harness with SIGKILL needs a harness process: the end-to-end ResumeTests do that.)
/// </summary>
[TestFixture]
public sealed class ResumeInProcessTests
{
    private const string Suite = """
        suite: resume-in-process
        parameters:
          marker: /dev/null
          long: 30s
        scenarios:
          - id: r.first
            title: Finishes before the interruption
            kind: rig-check
            steps:
              - selftest.marker: { file: "${marker}" }
          - id: r.second
            title: Interrupted during its long wait
            kind: rig-check
            steps:
              - selftest.marker: { file: "${marker}" }
              - selftest.ticker: { name: heartbeat, interval: 20ms }
              - wait: "${long}"
            cleanup:
              - selftest.marker: { file: "${marker}" }
          - id: r.third
            title: Runs after the resume
            kind: rig-check
            steps:
              - selftest.marker: { file: "${marker}" }
              - selftest.outcome: { verdict: fail, reason: scripted fail to compare verdicts }
        """;

    private static string[] Verdicts(RunResults r) => [.. r.Scenarios.Select(s => $"{s.Id}={s.Verdict.Name()}")];

    [Test]
    public async Task AnInterruptedRunResumesToTheVerdictsOfAnUninterruptedOne()
    {
        using var temp = new TempFolder();
        var suite = temp.Write("resume.yaml", Suite);
        var control = await InProcessRun.RunAsync(InProcessRun.Request(temp.Sub("control"), [suite],
            new Dictionary<string, string> { ["marker"] = temp.Write("control.marker", ""), ["long"] = "50ms" }));

        var marker = temp.Write("marker", "");
        var request = InProcessRun.Request(temp.Sub("run"), [suite]);
        using var stop = new StopAtStep("r.second", "wait");
        var interrupted = await InProcessRun.RunAsync(request with { Parameters = new Dictionary<string, string> { ["marker"] = marker, ["long"] = "2s" } },
            stop, stop.Interrupted);
        Assert.That(interrupted.Interrupted, Is.True);
        Assert.That(File.ReadAllLines(marker), Is.EqualTo(new[] { "r.first attempt 1 Steps", "r.second attempt 1 Steps", "r.second attempt 1 Cleanup" }),
            "the interrupted attempt's clean-up ran; nothing after it started");
        Assert.That(interrupted.Results.Scenario("r.third").Reason, Does.Contain("resume"));

        var resumed = await InProcessRun.ResumeAsync(interrupted.Folder.Root);
        Assert.That(resumed.Interrupted, Is.False);
        Assert.That(Verdicts(resumed.Results), Is.EqualTo(Verdicts(control.Results)));
        var attempts = resumed.Results.Scenario("r.second").Attempts;
        Assert.That(attempts.Select(a => (a.N, a.Interrupted)), Is.EqualTo(new[] { (1, true), (2, false) }), "the interrupted attempt is kept");
        Assert.That(attempts[1].Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(File.ReadAllLines(marker), Is.EqualTo(new[]
        {
            "r.first attempt 1 Steps", "r.second attempt 1 Steps", "r.second attempt 1 Cleanup",
            "r.second attempt 2 Steps", "r.second attempt 2 Cleanup", "r.third attempt 1 Steps",
        }), "a finished scenario never runs twice and a cleaned-up attempt is not cleaned up again");
    }

    [Test]
    public async Task ResumeRefusesChangedInputsAndAFinishedRun()
    {
        using var temp = new TempFolder();
        var suite = temp.Write("resume.yaml", Suite);
        var marker = temp.Write("marker", "");
        using var stop = new StopAtStep("r.second", "wait");
        var interrupted = await InProcessRun.RunAsync(
            InProcessRun.Request(temp.Sub("run"), [suite], new Dictionary<string, string> { ["marker"] = marker, ["long"] = "2s" }), stop, stop.Interrupted);
        Assert.That(interrupted.Interrupted, Is.True);

        await File.AppendAllTextAsync(suite, "\n# changed\n");
        var changed = Assert.ThrowsAsync<InputException>(() => InProcessRun.ResumeAsync(interrupted.Folder.Root))!;
        Assert.That(changed.Message, Does.Contain($"{suite} changed since the run began"));

        await File.WriteAllTextAsync(suite, Suite);
        var done = await InProcessRun.ResumeAsync(interrupted.Folder.Root);
        Assert.That(done.Results.Scenario("r.third").Verdict, Is.EqualTo(Verdict.Fail));
        var again = Assert.ThrowsAsync<InputException>(() => InProcessRun.ResumeAsync(interrupted.Folder.Root))!;
        Assert.That(again.Message, Does.Contain("nothing to resume"));
    }
}
