using System.Net;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Steps;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>
/// <c>lab.dhcp-inform</c> against the lab's real DHCP listener, the DUT's messages sent over UDP from its address:
/// it passes on the DUT's message with a MUD URL, fails without one, and fails when the DUT (in this attempt) said nothing.
/// </summary>
[TestFixture]
public sealed class DhcpInformStepTests
{
    private const int Slot = 233;
    private const string MudUrl = "https://mud.lab.example/rd-1.json";
    private LabTestRun _run = null!;
    private LabTestRig _rig = null!;
    private LabServices _services = null!;
    private IPEndPoint _server = null!;

    private LabDhcpListener Dhcp => _services.Get<LabDhcpListener>();

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot, (plan, pki) => _rig = new LabTestRig(plan, [pki.CaCertificate]));
        _services = new LabServices([new LabDhcpListener()]);
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _services.StartAsync(_run.Lab, deadline.Token);
        _rig.Lab = _services;
        _server = new IPEndPoint(_run.Plan.Lab, _run.Plan.DhcpPort);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        await _run.DisposeAsync();
    }

    private Task<StepRecord> StepAsync(TimeSpan within, bool mudUrl = true) =>
        _run.Host.RunStepAsync("lab.dhcp-inform", new DhcpInformStep.Arguments { Within = within, MudUrl = mudUrl }, Deadlines.Step);

    private async Task SendAsync(IPAddress from, byte[] message)
    {
        using var device = new UdpProbe(from);
        var before = Dhcp.Messages.Count;
        await device.SendAsync(message, _server);
        await Poll.UntilAsync(() => Dhcp.Messages.Count > before, Deadlines.Reply, "the listener to record the message");
    }

    [Test]
    public async Task TheDutsInformWithAMudUrlPassesAndIsRecorded()
    {
        var step = StepAsync(Deadlines.Step);
        await SendAsync(_run.Plan.Dut, DhcpWire.Inform(0xD0C0FFEE, _run.Plan.Dut, MudUrl));
        var record = await step;
        Assert.Multiple(() =>
        {
            Assert.That(record.Verdict, Is.EqualTo(Verdict.Pass), record.Reason);
            Assert.That(record.Observed, Is.EqualTo(MudUrl));
            Assert.That((string?)record.Details["messageType"], Is.EqualTo("DHCPINFORM"));
            Assert.That((string?)record.Details["mudUrl"], Is.EqualTo(MudUrl));
            Assert.That((string?)record.Details["client"], Does.StartWith($"{_run.Plan.Dut}:"));
            Assert.That((string?)record.Details["channel"], Is.EqualTo(Dhcp.Channel));
            var length = record.Measurements.Single();
            Assert.That((length.Name, length.Verdict), Is.EqualTo(("option-161-length", Verdict.Pass)));
            Assert.That(length.Value.ToString(), Is.EqualTo(MudUrl.Length.ToString()));
        });
        var logged = JsonLines.Read(Dhcp.EvidencePath!).Single();
        Assert.That((logged.Text("messageType"), logged.Text("mudUrl"), logged.Text("xid")), Is.EqualTo(("DHCPINFORM", MudUrl, "d0c0ffee")),
            "the listener's run evidence holds the message the step judged");
    }

    [Test]
    public async Task AMessageWithoutOption161Fails()
    {
        await SendAsync(_run.Plan.Dut, DhcpWire.Build(7, _run.Plan.Dut, [(53, [8]), (12, "rd-1"u8.ToArray())]));
        var record = await StepAsync(TimeSpan.FromSeconds(5));
        Assert.That((record.Verdict, record.Expected, record.Observed), Is.EqualTo((Verdict.Fail, "option 161", "absent")));
        Assert.That(record.Reason, Does.Contain("DHCPINFORM carries no option 161"));
        Assert.That((string?)record.Details["mudUrl"], Is.Null);
    }

    [Test]
    public async Task WithoutRequiringAMudUrlTheMessageAlonePasses()
    {
        await SendAsync(_run.Plan.Dut, DhcpWire.Build(8, _run.Plan.Dut, [(53, [8])]));
        var record = await StepAsync(TimeSpan.FromSeconds(5), mudUrl: false);
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Pass), record.Reason);
        Assert.That(record.Reason, Is.EqualTo("DHCPINFORM received"));
    }

    [Test]
    public async Task SilenceFailsAtTheDeadline()
    {
        var record = await StepAsync(TimeSpan.FromSeconds(1));
        Assert.That((record.Verdict, record.Expected, record.Observed), Is.EqualTo((Verdict.Fail, "a DHCPINFORM, DHCPDISCOVER or DHCPREQUEST", "none")));
        Assert.That(record.Reason, Is.EqualTo($"no DHCP message from {_run.Plan.Dut} at {Dhcp.Channel} within 1s"));
    }

    [Test]
    public async Task AnotherSendersMessageIsNotTheDuts()
    {
        await SendAsync(_run.Plan.Probe, DhcpWire.Inform(9, _run.Plan.Probe, MudUrl));
        var record = await StepAsync(TimeSpan.FromSeconds(1));
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(record.Reason, Does.StartWith($"no DHCP message from {_run.Plan.Dut}"));
    }

    [Test]
    public async Task AMessageFromBeforeTheAttemptDoesNotCount()
    {
        await SendAsync(_run.Plan.Dut, DhcpWire.Inform(10, _run.Plan.Dut, MudUrl));
        LabCursors.Begin(_run.Host.Attempt, _rig.Drivers); // as the rig does before power-on
        var record = await StepAsync(TimeSpan.FromSeconds(1));
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Fail), "the attempt's view of the log begins after the earlier message");
    }
}
