using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

[TestFixture]
public sealed class LabServicesTests
{
    private const int Slot = 204;
    private LabTestRun _run = null!;

    [SetUp]
    public async Task SetUp() => _run = await LabTestRun.CreateAsync(Slot);

    [TearDown]
    public async Task TearDown() => await _run.DisposeAsync();

    [Test]
    public async Task StartsInOrderResetsAllAndStopsInReverse()
    {
        var events = new List<string>();
        var services = new LabServices([new FakeLabService("a", events), new FakeLabService("b", events)]);
        await services.StartAsync(_run.Lab, CancellationToken.None);
        services.ResetAll();
        await services.DisposeAsync();
        Assert.That(events, Is.EqualTo(new[] { "start a", "start b", "reset a", "reset b", "stop b", "stop a" }));
    }

    [Test]
    public async Task AServiceThatHangsFailsTheStartByNameAndTheOthersAreStopped()
    {
        var events = new List<string>();
        await using var services = new LabServices(
            [new FakeLabService("a", events), new FakeLabService("slow", events, hangOnStart: true), new FakeLabService("c", events)],
            startDeadline: TimeSpan.FromMilliseconds(200));
        var e = Assert.ThrowsAsync<LabServiceException>(() => services.StartAsync(_run.Lab, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Service, Is.EqualTo("slow"));
            Assert.That(e.Message, Does.Contain("did not start within 0.2 s"));
            Assert.That(events, Is.EqualTo(new[] { "start a", "start slow", "stop slow", "stop a" }), "c never starts; a is stopped");
        });
    }

    [Test]
    public async Task AFailedStartIsALabServiceError()
    {
        var events = new List<string>();
        await using var services = new LabServices([new FakeLabService("a", events), new FakeLabService("busy", events, failOnStart: true)]);
        var e = Assert.ThrowsAsync<LabServiceException>(() => services.StartAsync(_run.Lab, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("'busy'").And.Contain("port busy"));
    }

    [Test]
    public async Task TheRealServicesStartTogetherAndAreFoundByType()
    {
        await using var services = new LabServices([new LabDnsResolver(), new LabDhcpListener(), new LabHttpsHost()]);
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await services.StartAsync(_run.Lab, deadline.Token);
        Assert.Multiple(() =>
        {
            Assert.That(services.Get<LabDnsResolver>().Endpoint!.Port, Is.EqualTo(_run.Plan.DnsPort));
            Assert.That(services.Get<LabDhcpListener>().Endpoint!.Port, Is.EqualTo(_run.Plan.DhcpPort));
            Assert.That(services.Get<LabHttpsHost>().Endpoints, Has.Count.EqualTo(91));
            Assert.That(services.TryGet<FakeLabService>(out _), Is.False);
        });
        await services.DisposeAsync();
        Assert.That(services.StopProblems, Is.Empty);
        var evidence = Directory.GetFiles(Path.Combine(_run.Host.Folder.Evidence, "_run")).Select(Path.GetFileName);
        Assert.That(evidence, Is.EquivalentTo(new[] { "001-dns.jsonl", "002-dhcp.jsonl", "003-https.jsonl" }));
    }

    [Test]
    public async Task ABusyPortIsALabServiceErrorNamingIt()
    {
        await using var first = new LabDnsResolver();
        await first.StartAsync(_run.Lab, CancellationToken.None);
        await using var services = new LabServices([new LabDnsResolver()]);
        var e = Assert.ThrowsAsync<LabServiceException>(() => services.StartAsync(_run.Lab, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain($"{_run.Plan.Lab}:{_run.Plan.DnsPort}/udp"));
    }
}
