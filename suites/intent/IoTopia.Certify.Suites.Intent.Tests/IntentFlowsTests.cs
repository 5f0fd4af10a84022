using System.Net;
using System.Net.Sockets;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.Capture;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Suites.Intent.Tests.Support;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// intent.flows on real traffic captured on lo (needs root or CAP_NET_RAW), on a rig without lab services: the
/// MUD file is the manufacturer's file the rig names (an offline bench). The DUT's lookups are answered by a
/// "resolver" on the lab address; one flow goes to a name its MUD file allows, one to a name it does not.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IntentFlowsTests
{
    private const int Slot = 222;
    private const string Tracker = "tracker.ads.example";
    private readonly AddressPlan _plan = new(Slot, privilegedPorts: false);
    private string _folder = null!;
    private StepHost? _host;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("intent-flows-").FullName;

    [TearDown]
    public async Task TearDown()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _host = null;
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task AFlowToANameTheFileDoesNotAllowFailsWithThePacketsAndThePcap()
    {
        var host = Host();
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        await DutTrafficAsync(toTracker: true);
        var step = await host.RunStepAsync("intent.flows", new MudFlowsStep.Arguments());

        var violation = step.Details["violations"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain($"{_plan.Dut}").And.Contain($"{Remote(Tracker)}:5000").And.Contain($"reached by {Tracker}"));
            Assert.That((string?)violation["remote"], Is.EqualTo(Remote(Tracker).ToString()));
            Assert.That((int?)violation["remotePort"], Is.EqualTo(5000));
            Assert.That((string?)violation["protocol"], Is.EqualTo("udp"));
            Assert.That(violation["names"]!.AsArray().Select(n => (string?)n), Has.One.Contains(Tracker));
            Assert.That((long?)violation["firstPacket"], Is.GreaterThan(0));
            Assert.That((long?)violation["bytes"], Is.GreaterThan(0));
            Assert.That((string?)violation["firstTime"], Is.Not.Null);
            Assert.That((string?)step.Details["pcap"], Does.EndWith("-capture.start-traffic.pcap"));
            Assert.That(File.Exists(Path.Combine(host.Folder.Root, (string)step.Details["pcap"]!)), Is.True);
            Assert.That((string?)step.Details["checked"], Does.Contain("not fetched: this rig has no lab MUD server"));
            Assert.That(step.Evidence.Select(e => Path.GetFileName(e.Path)), Has.Some.EndsWith("-flow-check.json").And.Some.EndsWith("-mud-file.json"));
            Assert.That(step.Measurements.Single(m => m.Name == "violating-flows").Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    [Test]
    public async Task OnlyTheAllowedFlowAndLocalDnsPass()
    {
        var host = Host();
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        await DutTrafficAsync(toTracker: false);
        var step = await host.RunStepAsync("intent.flows", new MudFlowsStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), $"{step.Reason}\n{step.Details.ToJsonString()}");
        Assert.That((int?)step.Details["allowed"], Is.EqualTo(2), "the DNS exchange by RFC 8520's default, the cloud by its ACE");
    }

    [Test]
    public async Task ANamedRemoteHostsViolationComesFirstAndTheHeadlineNamesTheDevicesOwnOnly()
    {
        var host = Host();
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        using (var dut = new UdpClient(new IPEndPoint(_plan.Dut, 0)))
        using (var lab = new UdpClient(new IPEndPoint(_plan.Lab, 9999)))
            await dut.SendAsync(new byte[16], new IPEndPoint(_plan.Lab, 9999)); // first in the capture: with the lab's own host, on a port no ACE allows
        await DutTrafficAsync(toTracker: true);
        var step = await host.RunStepAsync("intent.flows", new MudFlowsStep.Arguments());

        var violations = step.Details["violations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That((int?)step.Details["violationCount"], Is.EqualTo(2));
            Assert.That((string?)violations[0]!["remote"], Is.EqualTo(Remote(Tracker).ToString()), "the named remote host first, though it came later");
            Assert.That((string?)violations[1]!["remote"], Is.EqualTo(_plan.Lab.ToString()), "the lab's own host last");
            Assert.That(step.Reason, Does.Contain("1 flows no ACE allows: ").And.Contain($"reached by {Tracker}").And.Not.Contain($"{_plan.Lab}:9999"),
                "the headline is the device's own violation");
            Assert.That(step.Details["labHosts"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { _plan.Lab.ToString() }));
        });
    }

    [Test]
    public async Task OnlyTheLabsOwnHostsViolationsStillFailAndSaySo()
    {
        var host = Host();
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        using (var dut = new UdpClient(new IPEndPoint(_plan.Dut, 0)))
        using (var lab = new UdpClient(new IPEndPoint(_plan.Lab, 9999)))
            await dut.SendAsync(new byte[16], new IPEndPoint(_plan.Lab, 9999));
        var step = await host.RunStepAsync("intent.flows", new MudFlowsStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), "a flow no ACE allows is a violation, whoever the remote host is");
        Assert.That(step.Reason, Does.Contain("1 flows with the lab's own services no ACE allows: ").And.Contain($"{_plan.Lab}:9999"));
    }

    [Test]
    public async Task ACaptureWithoutDutPacketsIsInconclusive()
    {
        var host = Host();
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        var step = await host.RunStepAsync("intent.flows", new MudFlowsStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Inconclusive), step.Reason);
    }

    [Test]
    public async Task NoRunningCaptureIsTheLabsError()
    {
        var step = await Host().RunStepAsync("intent.flows", new MudFlowsStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(step.Reason, Does.Contain("no capture named 'traffic'"));
    }

    private StepHost Host()
    {
        var capture = new LiveCapture("lo", new CaptureTarget(_plan.Dut, _plan.Probe));
        if (capture.Unavailable is { } why)
            Assert.Ignore($"capture is not possible here: {why}");
        var file = Path.Combine(_folder, "mud.json");
        File.WriteAllBytes(file, TestMud.File("https://mud.intent.example/rd-1.json", null, port: 44300));
        var rig = new LabTestRig(_plan, [])
        {
            Capture = capture,
            Mud = new ManufacturerMud { MudFile = file, TrustAnchor = file, Origin = "the rig file's drivers.mud (test)" },
        };
        return _host = StepHost.Create(rig, new StepRegistry(typeof(MudFlowsStep).Assembly, typeof(CaptureStartStep).Assembly));
    }

    /// <summary>Lookups answered from the lab address, a TCP exchange with the allowed cloud name, and (optionally) UDP to the tracker.</summary>
    private async Task DutTrafficAsync(bool toTracker)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using (var dut = new UdpClient(new IPEndPoint(_plan.Dut, 0)))
        using (var resolver = new UdpClient(new IPEndPoint(_plan.Lab, 53)))
        {
            var port = ((IPEndPoint)dut.Client.LocalEndPoint!).Port;
            await dut.SendAsync(new byte[20], new IPEndPoint(_plan.Lab, 53));
            await resolver.ReceiveAsync(deadline.Token);
            foreach (var name in new[] { TestMud.Cloud, Tracker })
                await resolver.SendAsync(DnsMessage.Response(name, [Remote(name).ToString()]), new IPEndPoint(_plan.Dut, port));
            await dut.ReceiveAsync(deadline.Token);
            await dut.ReceiveAsync(deadline.Token);
        }
        await Loopback.TcpExchangeAsync(_plan.Dut.ToString(), Remote(TestMud.Cloud).ToString(), 44300, deadline.Token);
        if (toTracker)
        {
            using var dut = new UdpClient(new IPEndPoint(_plan.Dut, 0));
            using var sink = new UdpClient(new IPEndPoint(Remote(Tracker), 5000));
            for (var i = 0; i < 3; i++)
                await dut.SendAsync(new byte[32], new IPEndPoint(Remote(Tracker), 5000));
        }
    }

    private IPAddress Remote(string name) => name == Tracker ? _plan.Host(11) : _plan.Host(10);
}
