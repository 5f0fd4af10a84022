using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Steps.Selftest;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Engine;

[TestFixture]
public sealed class StepHostTests
{
    [Test]
    public async Task RunsAStepWithTheEnginesRules()
    {
        await using var host = StepHost.Create(new InProcessRig(new RigDescription { Name = "t", File = "t.yaml" }));
        var pass = await host.RunStepAsync("selftest.measure", new MeasureStep.Arguments { Name = "x", Value = 3, High = 5 });
        var cut = await host.RunStepAsync("selftest.hang", new HangStep.Arguments(), TimeSpan.FromMilliseconds(200));
        Assert.That(pass.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(cut.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(cut.Evidence, Has.Count.EqualTo(1), "its deferred clean-up ran and wrote evidence");
        Assert.That(host.Events.OfType<Harness.Records.StepEnded>().Count(), Is.EqualTo(2));
    }
}
