using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Engine;

[TestFixture]
public sealed class RequirementVerdictsTests
{
    private static Requirement Req(Verification v = Verification.Test, string tier = "T1") => new()
    {
        Id = "IOT-ONB-02", Pillar = "ONB", Title = "t", Statement = "s", Tier = tier, Verification = v,
    };

    private static ScenarioResult Scenario(string id, Verdict verdict, SkipReason? skip = null) => new()
    {
        Id = id, Title = id, Kind = ScenarioKind.Certification, Requirements = ["IOT-ONB-02"], Verdict = verdict,
        Reason = skip is null ? verdict.Name() : skip.Value.Name(), SkipReason = skip, Attempts = [],
    };

    [Test]
    public void WorstOfExecutedScenarios() =>
        Assert.That(RequirementVerdicts.Derive(Req(), "T3", [Scenario("a", Verdict.Pass), Scenario("b", Verdict.Error), Scenario("c", Verdict.Fail)]).Verdict,
            Is.EqualTo(Verdict.Fail));

    [Test]
    public void VerdictOrderIsFailErrorInconclusivePassSkipped() =>
        Assert.That(new[] { Verdict.Skipped, Verdict.Pass, Verdict.Inconclusive, Verdict.Error, Verdict.Fail }
            .Aggregate(VerdictOrder.Worst), Is.EqualTo(Verdict.Fail));

    [Test]
    public void NotApplicableSiblingsDoNotSpoilAPass() =>
        Assert.That(RequirementVerdicts.Derive(Req(), "T3", [Scenario("a", Verdict.Pass), Scenario("b", Verdict.Skipped, SkipReason.NotApplicable)]).Verdict,
            Is.EqualTo(Verdict.Pass));

    [TestCase(SkipReason.CapabilityMissing)]
    [TestCase(SkipReason.ArtefactMissing)]
    [TestCase(SkipReason.Filtered)]
    public void OtherSkipsTurnAPassInconclusive(SkipReason reason)
    {
        var r = RequirementVerdicts.Derive(Req(), "T3", [Scenario("a", Verdict.Pass), Scenario("b", Verdict.Skipped, reason)]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(r.Reason, Does.Contain(reason.Name()));
    }

    [Test]
    public void AReviewRequirementNeverPassesOnTestsAlone()
    {
        var both = RequirementVerdicts.Derive(Req(Verification.Both), "T3", [Scenario("a", Verdict.Pass)]);
        Assert.That(both.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(both.Reason, Does.Contain("awaiting assessor review"));
    }

    [Test]
    public void AboveTheTierIsNotApplicable()
    {
        var r = RequirementVerdicts.Derive(Req(tier: "T2"), "T1", [Scenario("a", Verdict.Fail)]);
        Assert.That((r.Verdict, r.SkipReason), Is.EqualTo((Verdict.Skipped, (SkipReason?)SkipReason.NotApplicable)));
    }
}
