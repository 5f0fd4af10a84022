using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Suites.Intent.Tests.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// intent.mud-url on a capture-only rig (no lab DHCP, no lab TLS): the running capture is read while the step waits,
/// so a DUT that announces its MUD URL a moment after the step began is found within <c>within</c> — not cut off at
/// once because the lab's own channels are unavailable. Real traffic on lo (needs root or CAP_NET_RAW).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IntentMudUrlCaptureTests
{
    private const string MudUrl = "https://mud.intent.example/late.json";
    private readonly AddressPlan _plan = new(221, privilegedPorts: false);

    /// <summary>A rig with capture on lo and nothing else of the lab, its capture started.</summary>
    private async Task<StepHost> CapturingAsync()
    {
        var capture = new LiveCapture("lo", new CaptureTarget(_plan.Dut, _plan.Probe));
        if (capture.Unavailable is { } why)
            Assert.Ignore($"capture is not possible here: {why}");
        var host = StepHost.Create(new LabTestRig(_plan, []) { Capture = capture }, new StepRegistry(typeof(MudUrlStep).Assembly, typeof(CaptureStartStep).Assembly));
        Assert.That((await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments())).Verdict, Is.EqualTo(Verdict.Pass));
        return host;
    }

    [Test]
    public async Task ALateDhcpInformInTheCaptureIsFoundWithinTheWait()
    {
        await using var host = await CapturingAsync();

        var clock = Stopwatch.StartNew();
        var late = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            using var dut = new UdpClient(new IPEndPoint(_plan.Dut, 68)); // a DHCP client's port: what the capture reads as DHCP
            await dut.SendAsync(DhcpWire.Inform(0x51A7E, _plan.Dut, MudUrl), new IPEndPoint(_plan.Lab, 67));
        });
        var step = await host.RunStepAsync("intent.mud-url", new MudUrlStep.Arguments
        {
            Within = TimeSpan.FromSeconds(15),
            WaitFor = [MudUrlSource.Dhcp],
            Linger = TimeSpan.FromMilliseconds(500),
            Capture = CaptureName.Default,
        });
        await late;
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), $"{step.Reason}\n{step.Details.ToJsonString()}");
            Assert.That(step.Reason, Does.Contain(MudUrl).And.Contain("DHCPv4 option 161"));
            Assert.That(step.Details["urls"]!.AsArray().Select(u => (string?)u!["via"]), Is.All.StartWith("capture 'traffic'"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)), "it waited for the capture to show the DUT's DHCP, then a short linger — not its whole within");
        });
    }

    [Test]
    public async Task ASilentDutOnACaptureOnlyRigIsInconclusiveAfterItsWithin()
    {
        await using var host = await CapturingAsync();
        var clock = Stopwatch.StartNew();
        var step = await host.RunStepAsync("intent.mud-url", new MudUrlStep.Arguments
        {
            Within = TimeSpan.FromSeconds(2),
            WaitFor = [MudUrlSource.Dhcp],
            Capture = CaptureName.Default,
        });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Inconclusive), step.Reason);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)), "the capture channel is waited for its whole within");
    }
}
