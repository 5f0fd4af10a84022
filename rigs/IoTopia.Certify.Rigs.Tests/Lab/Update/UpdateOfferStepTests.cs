using System.Net;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Steps;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab.Update;

/// <summary><c>update.offer</c>: served at the rig's update-name by default, recorded in the step's details; its argument mistakes refused at file:line.</summary>
[TestFixture]
public sealed class UpdateOfferStepTests
{
    private const int Slot = 238;
    private const string UpdateHost = "updates.vendor.example";
    private static readonly StepRegistry Steps = new(typeof(UpdateOfferStep).Assembly);

    private LabTestRun _run = null!;
    private LabTestRig _rig = null!;
    private LabServices _services = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot, (plan, pki) => _rig = new LabTestRig(plan, [pki.CaCertificate], new Dictionary<string, string> { ["update-name"] = UpdateHost }));
        var https = new LabHttpsHost();
        _services = new LabServices([https, new LabUpdateServer(https)]);
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _services.StartAsync(_run.Lab, deadline.Token);
        _rig.Lab = _services;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task TheOfferIsServedAtTheRigsUpdateNameAndRecorded()
    {
        var image = new byte[4096];
        new Random(3).NextBytes(image);
        var file = Path.Combine(_run.RigFolder, "fw-1.1.0.bin");
        await File.WriteAllBytesAsync(file, image);
        var step = await _run.Host.RunStepAsync("update.offer", new UpdateOfferStep.Arguments { Path = "/fw.bin", File = file, Behaviour = UpdateBehaviourKind.BitFlip }, Deadlines.Step);
        var offer = _services.Get<LabUpdateServer>().History(UpdateHost, "/fw.bin").Single();
        using var client = new UpdateTestClient(_run.Plan.Dut, name => _run.Plan.AddressFor(name)!, _run.Pki.CaCertificate);
        var got = await client.GetAsync($"https://{UpdateHost}:{_run.Plan.HttpsPort}/fw.bin", Deadlines.Step);
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
            Assert.That(step.Reason, Does.Contain($"fw-1.1.0.bin at {UpdateHost}/fw.bin (bit-flip, offer 1)"));
            Assert.That(step.Details["host"]!.GetValue<string>(), Is.EqualTo(UpdateHost), "the host defaults to dut.update-name");
            Assert.That(step.Details["flippedBit"]!.GetValue<long>(), Is.EqualTo(offer.FlippedBit));
            Assert.That(step.Details["seed"]!.GetValue<int>(), Is.EqualTo(offer.Behaviour.Seed), "the seed came from the run's random source, recorded");
            Assert.That(step.Evidence.Select(e => e.Kind), Does.Contain("update-artefact"));
            Assert.That(got.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(got.Body, Is.Not.EqualTo(image).And.Length.EqualTo(image.Length));
        });
    }

    [Test]
    public async Task AReplayWithNothingEarlierIsTheLabsError()
    {
        var step = await _run.Host.RunStepAsync("update.offer", new UpdateOfferStep.Arguments { Path = "/manifest.json", Behaviour = UpdateBehaviourKind.Replay }, Deadlines.Step);
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(step.Reason, Does.Contain("nothing was offered at updates.vendor.example/manifest.json"));
        });
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Check(new() { Path = "/fw.bin", File = "fw.bin" }), Is.Empty);
            Assert.That(Check(new() { Path = "/fw.bin", File = "fw.bin", Behaviour = UpdateBehaviourKind.BitFlip, Bit = 7 }), Is.Empty);
            Assert.That(Check(new() { Path = "/m.json", Behaviour = UpdateBehaviourKind.Replay, Of = 1 }), Is.Empty);
            Assert.That(Check(new() { Host = "bad host", Path = "/fw.bin", File = "f" }), Has.Some.Contains("not a host name"));
            Assert.That(Check(new() { Path = "fw.bin", File = "f" }), Has.Some.Contains("is not a path"));
            Assert.That(Check(new() { Path = "/fw/*", File = "f" }), Has.Some.Contains("is not a path"));
            Assert.That(Check(new() { Path = "/fw.bin" }), Has.Some.Contains("file: genuine needs the file"));
            Assert.That(Check(new() { Path = "/m.json", File = "f", Behaviour = UpdateBehaviourKind.Replay }), Has.Some.Contains("give none"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Behaviour = UpdateBehaviourKind.Truncate }), Has.Some.Contains("bytes: required with behaviour truncate"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Behaviour = UpdateBehaviourKind.Trickle, Bytes = 0 }), Has.Some.Contains("is not a rate"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Behaviour = UpdateBehaviourKind.Status, Status = 302 }), Has.Some.Contains("not a 4xx or 5xx"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Behaviour = UpdateBehaviourKind.BitFlip, Bit = 1, Seed = 2 }), Has.Some.Contains("give one"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Bytes = 5 }), Has.Some.Contains("bytes: not an argument of behaviour genuine"));
            Assert.That(Check(new() { Path = "/fw.bin", File = "f", Deadline = TimeSpan.Zero }), Has.Some.Contains("deadline: must be positive"));
        });
    }

    [TestCase("behaviour: truncate", "bytes: required with behaviour truncate")]
    [TestCase("behaviour: wobble", "expected one of genuine, bit-flip, truncate, endless, trickle, status, hang, replay")]
    [TestCase("behaviour: status, status: 200", "status: 200 is not a 4xx or 5xx status")]
    public void AMistakeIsRefusedAtItsLine(string arguments, string message)
    {
        using var temp = new TempFolder();
        temp.Write("fw.bin", "firmware");
        var file = temp.Write("suite.yaml", $$"""
            scenarios:
              - id: a
                title: t
                requirements: [IOT-LCM-01]
                needs: [lab-http]
                steps:
                  - update.offer: { path: /fw.bin, file: fw.bin, {{arguments}} }
            """);
        var e = Assert.Throws<InputException>(() => new SuiteLoader(Steps).Load([file], new Dictionary<string, string>()))!;
        Assert.That(e.Message, Does.Contain($"{file}:7:").And.Contain(message));
    }

    private static List<string> Check(UpdateOfferStep.Arguments arguments) => [.. arguments.Validate()];
}
