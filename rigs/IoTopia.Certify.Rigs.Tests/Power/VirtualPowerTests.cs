using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Power;

/// <summary>Power steps against the reference device: SIGKILL is a power cut, and the device's flash layer decides what survives.</summary>
[TestFixture]
public sealed class VirtualPowerTests
{
    private static SerialExpectStep.Arguments Expect(string pattern, double seconds = 15) =>
        new() { Pattern = pattern, Within = TimeSpan.FromSeconds(seconds) };

    private static async Task LoginAsync(VirtualBench bench)
    {
        var login = await bench.StepAsync("serial.login", new SerialLoginStep.Arguments
        {
            User = ReferenceDevice.User,
            Password = ReferenceDevice.FactoryPassword,
            ShellPrompt = ReferenceDevice.ShellPrompt,
        });
        Assert.That(login.Verdict, Is.EqualTo(Verdict.Pass), login.Reason);
    }

    private static async Task CommandAsync(VirtualBench bench, string command, string reply)
    {
        var send = await bench.StepAsync("serial.send", new SerialSendStep.Arguments { Text = command });
        Assert.That(send.Verdict, Is.EqualTo(Verdict.Pass), send.Reason);
        var seen = await bench.StepAsync("serial.expect", Expect(reply));
        Assert.That(seen.Verdict, Is.EqualTo(Verdict.Pass), $"{command}: {seen.Reason}; observed {seen.Observed}");
    }

    [Test]
    public async Task PowerOffLosesAnUnsyncedNvramWriteWhileACommittedOneSurvivesACycle()
    {
        await using var bench = await VirtualBench.StartAsync();
        var on = await bench.StepAsync("power.on", new NoArguments());
        Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
        Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        var twice = await bench.StepAsync("power.on", new NoArguments());
        Assert.That(twice.Verdict, Is.EqualTo(Verdict.Pass), "on when already on does nothing");

        await LoginAsync(bench);
        await CommandAsync(bench, "nvram set kept yes", @"ok \(not committed\)");
        await CommandAsync(bench, "nvram commit", "\r\ncommitted");
        await CommandAsync(bench, "nvram set lost yes", @"ok \(not committed\)");

        var cycle = await bench.StepAsync("power.cycle", new PowerCycleStep.Arguments { OffFor = TimeSpan.FromMilliseconds(200) });
        Assert.That(cycle.Verdict, Is.EqualTo(Verdict.Pass), cycle.Reason);
        var reboot = await bench.StepAsync("serial.expect", Expect(ReferenceDevice.Banner));
        Assert.That(reboot.Verdict, Is.EqualTo(Verdict.Pass), reboot.Reason);

        await LoginAsync(bench);
        await CommandAsync(bench, "nvram get kept", "kept=yes");
        await CommandAsync(bench, "nvram get lost", "lost not set");

        var off = await bench.StepAsync("power.off", new NoArguments());
        Assert.That(off.Verdict, Is.EqualTo(Verdict.Pass), off.Reason);
        Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
        var ended = bench.Host.Events.OfType<Harness.Records.ProcessEnded>().Where(e => e.Killed).ToList();
        Assert.That(ended, Has.Count.EqualTo(2), "both power-offs were SIGKILLs of an owned, journaled process");
    }

    [Test]
    public async Task CutWhenCutsShortlyAfterTheMatchAndRecordsWhen()
    {
        await using var bench = await VirtualBench.StartAsync();
        await bench.StepAsync("power.on", new NoArguments());
        await LoginAsync(bench);

        var arm = await bench.StepAsync("power.cut-when", new PowerCutWhenStep.Arguments { Serial = "CUT-HERE not set", After = TimeSpan.FromMilliseconds(150) });
        Assert.That(arm.Verdict, Is.EqualTo(Verdict.Pass), arm.Reason);
        Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On), "armed, not fired");
        await bench.StepAsync("serial.send", new SerialSendStep.Arguments { Text = "nvram get CUT-HERE" });
        var cut = await bench.StepAsync("power.cut-wait", new PowerCutWaitStep.Arguments { Within = TimeSpan.FromSeconds(10) });

        Assert.That(cut.Verdict, Is.EqualTo(Verdict.Pass), cut.Reason);
        var delay = cut.Measurements.Single(m => m.Name == "cut-delay");
        var details = cut.Details["cut"]!;
        await TestContext.Out.WriteLineAsync($"cut-delay {delay.Value} ms, {details}");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(delay.Unit, Is.EqualTo("ms"));
            Assert.That((double)delay.Value, Is.InRange(150, 150 + 700), "cut 'after' the match, with a small lag");
            Assert.That(details["cut-at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(details["match-at"]!.GetValue<DateTimeOffset>()));
            Assert.That(cut.Details["match"]!["text"]!.GetValue<string>(), Is.EqualTo("CUT-HERE not set"));
            Assert.That(bench.Host.Events.OfType<Harness.Records.Note>().Select(n => n.Text),
                Has.Some.Match(@"^power cut [\d.]+ ms after /CUT-HERE not set/ matched$"), "journaled as it happened");
            Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
        });

        await bench.StepAsync("power.on", new NoArguments());
        await bench.StepAsync("power.cut-when", new PowerCutWhenStep.Arguments { Serial = "NEVER PRINTED" });
        var never = await bench.StepAsync("power.cut-wait", new PowerCutWaitStep.Arguments { Within = TimeSpan.FromMilliseconds(500) });
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(never.Verdict, Is.EqualTo(Verdict.Fail), never.Reason);
            Assert.That(never.Reason, Does.Contain("the power was not cut and the cut is disarmed"));
            Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
            Assert.That(bench.Host.Attempt.Activities.Find<PowerCutActivity>(PowerCutActivity.Name), Is.Null);
        });
    }
}
