using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Capture;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>A rig whose capture cannot work: the steps say why, as an error (the lab's fault), and never throw.</summary>
[TestFixture]
public sealed class CaptureUnavailableTests
{
    [Test]
    public async Task StepsCalledAnywayAreErrorsWithTheUnavailableReason()
    {
        var capture = new LiveCapture("nosuch0", Loopback.Target);
        Assert.That(capture.Unavailable, Does.StartWith("no network interface 'nosuch0' to capture on (interfaces here: "));
        await using var host = StepHost.Create(new CaptureTestRig(capture), Loopback.Steps);
        var start = await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments());
        var expect = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments { NotSeen = new FlowSpec { Host = "x.example" } });
        Assert.Multiple(() =>
        {
            Assert.That(start.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(start.Reason, Is.EqualTo(capture.Unavailable));
            Assert.That(expect.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(expect.Reason, Is.EqualTo(capture.Unavailable));
            Assert.That(start.Evidence, Is.Empty, "no empty pcap is left as evidence");
        });
    }

    [Test]
    public void ExpectArgumentsNeedExactlyOneOfSeenAndNotSeen()
    {
        Assert.That(new CaptureExpectStep.Arguments().Validate(), Has.Some.EqualTo("give exactly one of seen: or not-seen:"));
        Assert.That(new CaptureExpectStep.Arguments { Seen = new FlowSpec { Host = "a" }, NotSeen = new FlowSpec { Host = "b" } }.Validate(),
            Has.Some.EqualTo("give exactly one of seen: or not-seen:"));
        Assert.That(new CaptureExpectStep.Arguments { Seen = new FlowSpec { Host = "a", Port = 70000 } }.Validate(), Has.Some.Contains("port"));
        Assert.That(new CaptureStartStep.Arguments { Name = "../x" }.Validate(), Is.Not.Empty, "the name labels a file");
    }
}
