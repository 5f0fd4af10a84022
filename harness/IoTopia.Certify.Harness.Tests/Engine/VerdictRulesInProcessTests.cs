using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Tests.Support;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Engine;

/// <summary>
/// The verdicts suite, run once in this process by the engine the command line uses: each verdict arises for its
/// own reason (the end-to-end VerdictRulesTests check the same through the built program and results.json).
/// </summary>
[TestFixture]
public sealed class VerdictRulesInProcessTests
{
    private TempFolder _temp = null!;
    private RunOutcome _run = null!;
    private string _marker = null!;

    [OneTimeSetUp]
    public async Task RunSuite()
    {
        _temp = new TempFolder();
        _marker = _temp.Write("marker.txt", "");
        var suite = _temp.Sub("verdicts.yaml"); // beside the marker: a suite may only name files in its own folder
        File.Copy(TestSuites.File("verdicts.yaml"), suite);
        _run = await InProcessRun.RunAsync(InProcessRun.Request(_temp.Sub("run"), [suite],
            new Dictionary<string, string> { ["marker"] = _marker }, tier: "T1"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    private ScenarioResult Scenario(string id) => _run.Results.Scenario(id);

    [Test]
    public void MeasurementsWithinLimitsPass()
    {
        var m = Scenario("v.pass").Attempts[0].Steps[0].Measurements[0];
        Assert.That((Scenario("v.pass").Verdict, double.Parse(m.Value.ToString()!, System.Globalization.CultureInfo.InvariantCulture), m.Unit, m.High, m.Verdict), Is.EqualTo((Verdict.Pass, 12.0, "ms", (double?)50, Verdict.Pass)));
    }

    [Test]
    public void AFailIsNeverRetriedAndStopsTheScenario()
    {
        var s = Scenario("v.fail-measurement");
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(s.Attempts, Has.Count.EqualTo(1), "retries: 3 must not retry a fail");
        Assert.That(s.Attempts[0].Steps, Has.Count.EqualTo(1), "no step runs after a fail");
        Assert.That(s.Reason, Does.Contain("open-ports = 3"));
    }

    [Test]
    public void AnErrorIsRetriedAndEveryAttemptKept()
    {
        var s = Scenario("v.error-retried");
        Assert.That(s.Attempts.Select(a => (a.N, a.Verdict)), Is.EqualTo(new[] { (1, Verdict.Error), (2, Verdict.Error) }));
        Assert.That(s.Verdict, Is.EqualTo(Verdict.Error));
    }

    [Test]
    public void InconclusiveIsItsOwnVerdict() => Assert.That(Scenario("v.inconclusive").Verdict, Is.EqualTo(Verdict.Inconclusive));

    [TestCase("v.device-garbage-fail", Verdict.Fail)]
    [TestCase("v.device-garbage-inconclusive", Verdict.Inconclusive)]
    public void GarbledDeviceInputIsNeverAnError(string scenario, Verdict verdict)
    {
        Assert.That(Scenario(scenario).Verdict, Is.EqualTo(verdict));
        Assert.That(Scenario(scenario).Reason, Does.Contain("cannot be understood"));
    }

    [Test]
    public void AHarnessExceptionIsAnError()
    {
        Assert.That(Scenario("v.lab-exception").Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(Scenario("v.lab-exception").Reason, Does.Contain("lab port busy"));
    }

    [TestCase("v.hang")]
    [TestCase("v.hang-ignoring-cancellation")]
    public void AHangingStepIsCutOffAtItsDeadlineAndBothCleanupsRun(string scenario)
    {
        Assert.That(Scenario(scenario).Verdict, Is.EqualTo(Verdict.Error));
        var steps = Scenario(scenario).Attempts[0].Steps;
        var hang = steps[0];
        Assert.That(hang.Reason, Does.Contain("exceeded its deadline of 1s"));
        Assert.That(hang.Ended - hang.Started, Is.LessThan(TimeSpan.FromSeconds(10)), "cut off near its deadline");
        Assert.That(hang.Evidence.Select(e => e.Path), Has.Some.EndsWith("-cleanup.txt"), "the step's own clean-up ran");
        Assert.That(steps.Select(s => (s.Name, s.Phase)), Is.EqualTo(new[] { ("selftest.hang", StepPhase.Steps), ("selftest.marker", StepPhase.Cleanup) }),
            "no step after the cut-off; the scenario clean-up ran");
        Assert.That(File.ReadAllLines(_marker), Has.Some.StartsWith($"{scenario} attempt 1 Cleanup"));
    }

    [Test]
    public void TheScenarioDeadlineCutsOffAStepWithoutItsOwnTimeout()
    {
        Assert.That(Scenario("v.scenario-deadline").Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(Scenario("v.scenario-deadline").Reason, Does.Contain("cut off: the scenario's deadline passed"));
    }

    [TestCase("v.needs-capture", SkipReason.CapabilityMissing, "rig 'test-bench' lacks capture")]
    [TestCase("v.above-tier", SkipReason.NotApplicable, "above the target tier T1")]
    [TestCase("v.artefact", SkipReason.ArtefactMissing, "signed-image: not supplied")]
    public void SkipsCarryTheirReasonAndNeverRun(string scenario, SkipReason reason, string detail)
    {
        var s = Scenario(scenario);
        Assert.That((s.Verdict, s.SkipReason), Is.EqualTo((Verdict.Skipped, (SkipReason?)reason)));
        Assert.That(s.Reason, Does.Contain(detail));
        Assert.That(s.Attempts, Is.Empty);
    }

    [Test]
    public void RequirementVerdictsAreTheWorstOfTheirScenarios()
    {
        Verdict V(string id) => _run.Results.Requirement(id).Verdict;
        Assert.Multiple(() =>
        {
            Assert.That(V("IOT-SBD-05"), Is.EqualTo(Verdict.Pass));
            Assert.That(V("IOT-SBD-02"), Is.EqualTo(Verdict.Fail));
            Assert.That(V("IOT-SBD-11"), Is.EqualTo(Verdict.Fail), "one fail and one inconclusive: fail");
            Assert.That(V("IOT-LCM-02"), Is.EqualTo(Verdict.Error));
            Assert.That(V("IOT-INT-04"), Is.EqualTo(Verdict.Inconclusive), "a pass whose sibling was skipped capability-missing");
            Assert.That(_run.Results.Requirement("IOT-INT-04").Reason, Does.StartWith("not all scenarios ran"));
            Assert.That(_run.Results.Requirement("IOT-SBD-09").SkipReason, Is.EqualTo(SkipReason.NotApplicable));
            Assert.That(_run.Results.Requirement("IOT-LCM-01").SkipReason, Is.EqualTo(SkipReason.ArtefactMissing));
            Assert.That(_run.Results.Requirement("IOT-ONB-01").SkipReason, Is.EqualTo(SkipReason.NoScenario));
            Assert.That(V("IOT-LCM-11"), Is.EqualTo(Verdict.Inconclusive));
            Assert.That(_run.Results.Requirement("IOT-LCM-11").Reason, Does.Contain("awaiting assessor review"));
        });
    }

    [Test]
    public void TheRunIsRecordedWithTheProvenanceItWasGiven()
    {
        Assert.That(_run.Results.Run.Harness.Commit, Is.EqualTo("in-process-test"), "the engine asked the given source, not git");
        Assert.That(_run.Results.Run.Seed, Is.EqualTo(7));
        Assert.That(File.Exists(_run.Folder.Results), Is.True);
        Assert.That(File.Exists(Path.Combine(_run.Folder.Root, "manifest.json")), Is.True);
    }
}
