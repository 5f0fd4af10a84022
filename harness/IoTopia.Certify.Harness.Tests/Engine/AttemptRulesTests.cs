using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Tests.Support;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Engine;

/// <summary>
/// Retries, clean-up and how an attempt's verdicts combine, each from a one-scenario suite run in this process.
/// CONTRACTS.md: retries only after error or inconclusive, never after fail; clean-up always runs; worst first.
/// </summary>
[TestFixture]
public sealed class AttemptRulesTests
{
    private static async Task<(ScenarioResult Scenario, string[] Marks)> RunAsync(string scenarioYaml)
    {
        using var temp = new TempFolder();
        var marker = temp.Write("marker.txt", "");
        var suite = temp.Write("suite.yaml", $"""
            suite: attempts
            parameters:
              marker: /dev/null
            scenarios:
              - id: s
                title: the scenario under test
                kind: rig-check
            {scenarioYaml}
            """);
        var run = await InProcessRun.RunAsync(InProcessRun.Request(temp.Sub("run"), [suite], new Dictionary<string, string> { ["marker"] = marker }));
        return (run.Results.Scenario("s"), File.ReadAllLines(marker));
    }

    [TestCase(Verdict.Error)]
    [TestCase(Verdict.Inconclusive)]
    public async Task AnErrorOrInconclusiveAttemptIsRetriedAndTheLastAttemptDecides(Verdict first)
    {
        var (s, _) = await RunAsync($"""
                retries: 2
                steps:
                  - selftest.flaky: {"{"} bad-attempts: 1, verdict: {first.Name()} {"}"}
            """);
        Assert.That(s.Attempts.Select(a => a.Verdict), Is.EqualTo(new[] { first, Verdict.Pass }), "every attempt is kept");
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public async Task AFailIsNeverRetriedEvenWhenAnotherAttemptWouldPass()
    {
        var (s, _) = await RunAsync("""
                retries: 3
                steps:
                  - selftest.flaky: { bad-attempts: 1, verdict: fail }
            """);
        Assert.That(s.Attempts.Select(a => a.Verdict), Is.EqualTo(new[] { Verdict.Fail }));
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Fail));
    }

    [Test]
    public async Task RetriesAreBoundedAndTheLastAttemptsVerdictStands()
    {
        var (s, _) = await RunAsync("""
                retries: 1
                steps:
                  - selftest.flaky: { bad-attempts: 5, verdict: inconclusive }
            """);
        Assert.That(s.Attempts.Select(a => a.N), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Inconclusive));
    }

    [Test]
    public async Task CleanupRunsAfterAFailedStepAndNoLaterStepDoes()
    {
        var (s, marks) = await RunAsync("""
                steps:
                  - selftest.marker: { file: "${marker}" }
                  - selftest.outcome: { verdict: fail, reason: scripted fail }
                  - selftest.marker: { file: "${marker}" }
                cleanup:
                  - selftest.marker: { file: "${marker}" }
            """);
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(marks, Is.EqualTo(new[] { "s attempt 1 Steps", "s attempt 1 Cleanup" }));
        Assert.That(s.Attempts[0].Steps.Select(x => (x.Name, x.Phase)),
            Is.EqualTo(new[] { ("selftest.marker", StepPhase.Steps), ("selftest.outcome", StepPhase.Steps), ("selftest.marker", StepPhase.Cleanup) }));
    }

    [Test]
    public async Task CleanupRunsForEveryAttempt()
    {
        var (s, marks) = await RunAsync("""
                retries: 1
                steps:
                  - selftest.flaky: { bad-attempts: 1, verdict: error }
                cleanup:
                  - selftest.marker: { file: "${marker}" }
            """);
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(marks, Is.EqualTo(new[] { "s attempt 1 Cleanup", "s attempt 2 Cleanup" }));
    }

    [Test]
    public async Task AFailingCleanupMakesAPassingAttemptAnError()
    {
        var (s, _) = await RunAsync("""
                steps:
                  - selftest.outcome: { verdict: pass }
                cleanup:
                  - selftest.throw: { device-input: false }
            """);
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(s.Reason, Does.StartWith("clean-up step 2 selftest.throw:"));
    }

    [Test]
    public async Task AFailStaysAFailWhenItsCleanupAlsoBreaksWorstFirst()
    {
        var (s, _) = await RunAsync("""
                steps:
                  - selftest.outcome: { verdict: fail, reason: the device refused }
                cleanup:
                  - selftest.throw: { device-input: false }
            """);
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Fail), "fail > error");
        Assert.That(s.Reason, Does.Contain("the device refused").And.Contain("clean-up step 2 selftest.throw"));
    }

    [Test]
    public async Task AStepsMeasurementsAndOutcomeCombineWorstFirst()
    {
        var (s, _) = await RunAsync("""
                steps:
                  - selftest.measure: { name: open-ports, value: 2, high: 0 }
            """);
        var step = s.Attempts[0].Steps[0];
        Assert.That((step.Verdict, step.Measurements.Single().Verdict), Is.EqualTo((Verdict.Fail, Verdict.Fail)), "a passing step with a failed measurement fails");
        Assert.That(step.Reason, Does.Contain("open-ports = 2"));
    }

    [Test]
    public async Task AStepsOwnTimeoutIsItsDeadline()
    {
        var (s, marks) = await RunAsync("""
                steps:
                  - wait: 30s
                    timeout: 200ms
                cleanup:
                  - selftest.marker: { file: "${marker}" }
            """);
        var wait = s.Attempts[0].Steps[0];
        Assert.That(wait.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(wait.Reason, Does.Contain("exceeded its deadline of 200ms"));
        Assert.That(wait.Ended - wait.Started, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(marks, Is.EqualTo(new[] { "s attempt 1 Cleanup" }));
    }
}
