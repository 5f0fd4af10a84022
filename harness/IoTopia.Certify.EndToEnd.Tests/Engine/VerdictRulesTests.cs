using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Engine;

/// <summary>Runs the verdicts suite once through the built program and checks each verdict arose for its reason.</summary>
[TestFixture]
public sealed class VerdictRulesTests
{
    private TempFolder _temp = null!;
    private RunFolderReader _run = null!;
    private ProgramResult _result = null!;
    private string _marker = null!;

    [OneTimeSetUp]
    public async Task RunSuite()
    {
        _temp = new TempFolder();
        _marker = _temp.Write("marker.txt", "");
        var suite = Path.Combine(_temp.Path, "verdicts.yaml"); // beside the marker: a suite may only name files in its own folder
        File.Copy(TestSuites.File("verdicts.yaml"), suite);
        _result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", suite,
            "--tier", "T1", "--param", $"marker={_marker}", "--out", _temp.Sub("run"), "--seed", "7"], TimeSpan.FromSeconds(90));
        _run = new RunFolderReader(_temp.Sub("run"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [Test]
    public void ErrorWinsTheExitCode() => Assert.That(_result.ExitCode, Is.EqualTo(2), _result.ToString());

    [Test]
    public void MeasurementsWithinLimitsPass()
    {
        Assert.That(_run.Verdict("v.pass"), Is.EqualTo("pass"));
        var m = _run.Attempts("v.pass")[0]!["steps"]![0]!["measurements"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That((double)m["value"]!, Is.EqualTo(12));
            Assert.That((string?)m["unit"], Is.EqualTo("ms"));
            Assert.That((double)m["high"]!, Is.EqualTo(50));
            Assert.That((string?)m["verdict"], Is.EqualTo("pass"));
        });
    }

    [Test]
    public void AFailIsNeverRetriedAndStopsTheScenario()
    {
        Assert.That(_run.Verdict("v.fail-measurement"), Is.EqualTo("fail"));
        Assert.That(_run.Attempts("v.fail-measurement"), Has.Count.EqualTo(1), "retries: 3 must not retry a fail");
        Assert.That(_run.Attempts("v.fail-measurement")[0]!["steps"]!.AsArray(), Has.Count.EqualTo(1), "no step runs after a fail");
        Assert.That(_run.Reason("v.fail-measurement"), Does.Contain("open-ports = 3"));
    }

    [Test]
    public void AnErrorIsRetriedAndEveryAttemptKept()
    {
        var attempts = _run.Attempts("v.error-retried");
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.That(attempts.Select(a => (string?)a!["verdict"]), Is.EqualTo(new[] { "error", "error" }));
        Assert.That(attempts.Select(a => (int)a!["n"]!), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(_run.Verdict("v.error-retried"), Is.EqualTo("error"));
    }

    [Test]
    public void InconclusiveIsItsOwnVerdict() => Assert.That(_run.Verdict("v.inconclusive"), Is.EqualTo("inconclusive"));

    [TestCase("v.device-garbage-fail", "fail")]
    [TestCase("v.device-garbage-inconclusive", "inconclusive")]
    public void GarbledDeviceInputIsNeverAnError(string scenario, string verdict)
    {
        Assert.That(_run.Verdict(scenario), Is.EqualTo(verdict));
        Assert.That(_run.Reason(scenario), Does.Contain("cannot be understood"));
    }

    [Test]
    public void AHarnessExceptionIsAnError()
    {
        Assert.That(_run.Verdict("v.lab-exception"), Is.EqualTo("error"));
        Assert.That(_run.Reason(""+"v.lab-exception"), Does.Contain("lab port busy"));
    }

    [TestCase("v.hang")]
    [TestCase("v.hang-ignoring-cancellation")]
    public void AHangingStepIsCutOffAndBothCleanupsRun(string scenario)
    {
        Assert.That(_run.Verdict(scenario), Is.EqualTo("error"));
        var steps = _run.Attempts(scenario)[0]!["steps"]!.AsArray();
        var hang = steps[0]!;
        Assert.That((string?)hang["reason"], Does.Contain("exceeded its deadline of 1s"));
        var took = DateTimeOffset.Parse((string)hang["ended"]!) - DateTimeOffset.Parse((string)hang["started"]!);
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(10)), "cut off near its deadline");
        Assert.That(hang["evidence"]!.AsArray().Select(e => (string?)e!["path"]), Has.Some.EndsWith("-cleanup.txt"), "the step's own clean-up ran");
        Assert.That(steps.Select(s => (string?)s!["name"]), Is.EqualTo(new[] { "selftest.hang", "selftest.marker" }), "no step after the cut-off; the scenario clean-up ran");
        Assert.That(File.ReadAllLines(_marker), Has.Some.StartsWith($"{scenario} attempt 1 Cleanup"));
    }

    [Test]
    public void TheScenarioDeadlineCutsOffAStepWithoutItsOwnTimeout()
    {
        Assert.That(_run.Verdict("v.scenario-deadline"), Is.EqualTo("error"));
        Assert.That(_run.Reason("v.scenario-deadline"), Does.Contain("deadline"));
    }

    [TestCase("v.needs-capture", "capability-missing", "lacks capture")]
    [TestCase("v.above-tier", "not-applicable", "above the target tier T1")]
    [TestCase("v.artefact", "artefact-missing", "signed-image: not supplied")]
    public void SkipsCarryTheirReason(string scenario, string reason, string detail)
    {
        var s = _run.Scenario(scenario);
        Assert.Multiple(() =>
        {
            Assert.That((string?)s["verdict"], Is.EqualTo("skipped"));
            Assert.That((string?)s["skipReason"], Is.EqualTo(reason));
            Assert.That((string?)s["reason"], Does.Contain(detail));
            Assert.That(s["attempts"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public void RequirementVerdictsFollowTheRules()
    {
        Assert.Multiple(() =>
        {
            Assert.That((string?)_run.Requirement("IOT-SBD-05")["verdict"], Is.EqualTo("pass"));
            Assert.That((string?)_run.Requirement("IOT-SBD-02")["verdict"], Is.EqualTo("fail"));
            // worst of executed scenarios: one fail and one inconclusive for IOT-SBD-11 → fail
            Assert.That((string?)_run.Requirement("IOT-SBD-11")["verdict"], Is.EqualTo("fail"));
            // a pass whose sibling scenario was skipped for capability-missing is inconclusive
            var partial = _run.Requirement("IOT-INT-04");
            Assert.That((string?)partial["verdict"], Is.EqualTo("inconclusive"));
            Assert.That((string?)partial["reason"], Does.StartWith("not all scenarios ran"));
            // above the target tier
            Assert.That((string?)_run.Requirement("IOT-SBD-09")["skipReason"], Is.EqualTo("not-applicable"));
            // only skipped scenario: skipped with its reason
            Assert.That((string?)_run.Requirement("IOT-LCM-01")["skipReason"], Is.EqualTo("artefact-missing"));
            // no scenario at all
            Assert.That((string?)_run.Requirement("IOT-ONB-01")["skipReason"], Is.EqualTo("no-scenario"));
            // review requirements never pass without an assessor's decision
            Assert.That((string?)_run.Requirement("IOT-LCM-11")["verdict"], Is.EqualTo("inconclusive"));
            Assert.That((string?)_run.Requirement("IOT-LCM-11")["reason"], Does.Contain("awaiting assessor review"));
        });
    }

    [Test]
    public void TheJournalHasEveryEventOnItsOwnLine()
    {
        var events = _run.JournalEvents();
        Assert.That((string?)events[0]["type"], Is.EqualTo("run-started"));
        var ended = events.Select(e => (string?)e["type"]).ToList().LastIndexOf("run-ended");
        Assert.That(ended, Is.GreaterThan(0), "the run ended");
        Assert.That(events.Skip(ended + 1).Select(e => (string?)e["type"]), Is.All.AnyOf("note", "process-started", "process-ended"),
            "after the run ended only its reports are journalled (what was written, and the browser that printed report.pdf)");
        Assert.That(events.Select(e => (long)e["seq"]!), Is.Ordered.Ascending.And.Unique);
    }

    [Test]
    public void ProvenanceIsRecorded()
    {
        var run = _run.Results["run"]!;
        Assert.Multiple(() =>
        {
            Assert.That((long)run["seed"]!, Is.EqualTo(7));
            Assert.That((string?)run["tier"], Is.EqualTo("T1"));
            Assert.That((string?)run["harness"]!["commit"], Is.Not.Empty);
            Assert.That(run["inputs"]!.AsArray().Select(i => (string?)i!["role"]), Is.SupersetOf(new[] { "rig", "suite", "catalogue" }));
            Assert.That((string?)run["tools"]!["dotnet"], Does.StartWith(".NET"));
        });
    }
}
