using System.Net;
using System.Net.Sockets;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// On a bench without the lab's DHCP or MUD server, intent.mud-signature judges the rig's MUD file: it is the DUT's
/// only if the DUT names it. The step captures the DUT's DHCPINFORM itself and compares its option 161 with the file's
/// mud-url and the statement's: a DUT announcing another file fails IOT-INT-03 with both URLs named (the false pass of
/// a bench that never read the URL). Real DHCPINFORMs on lo (needs root or CAP_NET_RAW).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AnnouncedUrlTests
{
    private const string Published = "https://mud.intent.example/rd-1.json";
    private const string Beta = "https://mud.intent.example/rd-1-beta.json";
    private readonly AddressPlan _plan = new(224, privilegedPorts: false);
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task ADutAnnouncingAnotherFileFailsNamingBothUrls()
    {
        var step = await SignatureStepAsync(announced: Beta);

        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain($"the DUT announces the MUD URL {Beta}, but the MUD file's mud-url is {Published}"));
            Assert.That((string?)step.Details["announcedUrl"], Is.EqualTo(Beta));
            Assert.That((string?)step.Details["mudUrlInFile"], Is.EqualTo(Published));
            Assert.That((string?)step.Details["urlPcap"], Does.EndWith(".pcap"), "the DHCPINFORM it judged by is evidence");
        });
    }

    [Test]
    public async Task AStatementDeclaringAnotherUrlFailsNamingIt()
    {
        var statement = ConformanceStatement.None with { Ixit = new Dictionary<string, string> { ["mud-url"] = Beta } };
        var step = await SignatureStepAsync(announced: Published, statement);

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
        Assert.That(step.Reason, Does.Contain($"the DUT announces the MUD URL {Published}, but the conformance statement declares {Beta}"));
    }

    [Test]
    public async Task TheSameUrlGoesOnToTheSignature()
    {
        var step = await SignatureStepAsync(announced: Published);

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
        Assert.That(step.Reason, Does.Contain("unsigned").And.Not.Contain("announces"), "the control: the URLs agree, the rig's (unsigned) file is judged");
        Assert.That(step.Details["sameUrl"]!.GetValue<bool>(), Is.True);
    }

    /// <summary>intent.mud-signature on a capture-only rig naming an unsigned manufacturer file with <see cref="Published"/>, while the DUT keeps sending DHCPINFORMs with <paramref name="announced"/>.</summary>
    private async Task<StepRecord> SignatureStepAsync(string announced, ConformanceStatement? statement = null)
    {
        var capture = new LiveCapture("lo", new CaptureTarget(_plan.Dut, _plan.Probe));
        if (capture.Unavailable is { } why)
            Assert.Ignore($"capture is not possible here: {why}");
        var file = _temp.Write("mud.json", System.Text.Encoding.UTF8.GetString(TestMud.File(Published, null)));
        var rig = new LabTestRig(_plan, []) { Capture = capture, Mud = new ManufacturerMud { MudFile = file, Origin = "the rig file's drivers.mud (test)" } };
        await using var host = StepHost.Create(rig, new StepRegistry(typeof(MudSignatureStep).Assembly, typeof(CaptureStartStep).Assembly), statement: statement);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var dut = Task.Run(async () =>
        {
            using var client = new UdpClient(new IPEndPoint(_plan.Dut, 68)); // a DHCP client's port: what the capture reads as DHCP
            while (!stop.IsCancellationRequested)
            {
                await client.SendAsync(DhcpWire.Inform(0xA11CE, _plan.Dut, announced), new IPEndPoint(_plan.Lab, 67));
                await Task.Delay(TimeSpan.FromMilliseconds(300), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var step = await host.RunStepAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = TimeSpan.FromSeconds(15) });
        await stop.CancelAsync();
        await dut;
        return step;
    }
}
