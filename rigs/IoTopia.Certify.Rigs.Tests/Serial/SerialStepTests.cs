using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Serial;

/// <summary>serial.expect, serial.send and serial.login against the reference device on a real pty pair.</summary>
[TestFixture]
public sealed class SerialStepTests
{
    private static SerialExpectStep.Arguments Expect(string pattern, double seconds = 15, string? saveAs = null) =>
        new() { Pattern = pattern, Within = TimeSpan.FromSeconds(seconds), SaveAs = saveAs };

    private static SerialLoginStep.Arguments Login(string password) =>
        new() { User = ReferenceDevice.User, Password = password, ShellPrompt = ReferenceDevice.ShellPrompt, Within = TimeSpan.FromSeconds(15) };

    [Test]
    public async Task ExpectSeesTheBootBannerPrintedDuringPowerOnBecauseTheCursorWasTakenBefore()
    {
        await using var bench = await VirtualBench.StartAsync();
        var on = await bench.StepAsync("power.on", new NoArguments());
        Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
        // the banner is already out before serial.expect even starts
        await Poll.UntilAsync(() => bench.SerialText().Contains("[boot] ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the boot log");

        var banner = await bench.StepAsync("serial.expect", Expect(ReferenceDevice.Banner, saveAs: "banner"));

        Assert.That(banner.Verdict, Is.EqualTo(Verdict.Pass), banner.Reason);
        var match = banner.Details["match"]!;
        Assert.Multiple(() =>
        {
            Assert.That(match["text"]!.GetValue<string>(), Does.StartWith("[boot] model=RD-1 serial=RD1-RIGS-0001 firmware=1.0.0 slot=A"));
            Assert.That(match["at"]!.GetValue<DateTimeOffset>(), Is.GreaterThanOrEqualTo(on.Started));
            Assert.That(banner.Details["groups"]!["firmware"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
            Assert.That(bench.Host.Attempt.Items[SavedSerialMatch.KeyFor("banner")], Is.InstanceOf<SavedSerialMatch>());
            Assert.That((long)bench.Host.Attempt.Items[SerialCursor.Key], Is.EqualTo(match["end"]!.GetValue<long>()), "the cursor moved past the match");
        });
        var again = await bench.StepAsync("serial.expect", Expect(ReferenceDevice.Banner, 0.5));
        Assert.That(again.Verdict, Is.EqualTo(Verdict.Fail), "the same banner is not matched twice");
    }

    [Test]
    public async Task ExpectFailsWithTheExpectationWhatWasSeenAndTheScannedTextAsEvidence()
    {
        await using var bench = await VirtualBench.StartAsync();
        await bench.StepAsync("power.on", new NoArguments());
        var ready = await bench.StepAsync("serial.expect", Expect("login: "));
        Assert.That(ready.Verdict, Is.EqualTo(Verdict.Pass), ready.Reason);

        var missing = await bench.StepAsync("serial.expect", Expect("FIRMWARE UPDATE COMPLETE", 1));

        Assert.That(missing.Verdict, Is.EqualTo(Verdict.Fail), missing.Reason);
        Assert.Multiple(() =>
        {
            Assert.That(missing.Expected, Is.EqualTo("/FIRMWARE UPDATE COMPLETE/"));
            Assert.That(missing.Reason, Does.Contain("not seen within 1s"));
            Assert.That(missing.Observed, Is.Not.Null.And.Not.Empty);
            Assert.That(missing.Evidence, Has.Count.EqualTo(1));
        });
        var window = File.ReadAllText(bench.EvidencePath(missing.Evidence[0]));
        Assert.That(window, Does.StartWith("# serial bytes "));
        var before = await bench.StepAsync("serial.expect", Expect("FIRMWARE|DHCPINFORM", 5));
        Assert.That(before.Verdict, Is.EqualTo(Verdict.Pass), "the failed expect did not move the cursor");
    }

    [Test]
    public async Task LoginWorksAndAWrongPasswordFailsWithoutThePasswordInTheRecord()
    {
        await using var bench = await VirtualBench.StartAsync();
        await bench.StepAsync("power.on", new NoArguments());

        var wrong = await bench.StepAsync("serial.login", Login("not-the-password"));
        var right = await bench.StepAsync("serial.login", Login(ReferenceDevice.FactoryPassword));
        var version = await bench.StepAsync("serial.send", new SerialSendStep.Arguments { Text = "version" });
        var reply = await bench.StepAsync("serial.expect", Expect(@"model=RD-1 firmware=\S+ slot=A"));

        Assert.Multiple(() =>
        {
            Assert.That(wrong.Verdict, Is.EqualTo(Verdict.Fail), wrong.Reason);
            Assert.That(wrong.Reason, Does.Contain("refused the login of 'admin'"));
            Assert.That(wrong.Expected, Is.EqualTo("/rd> /"));
            Assert.That(wrong.Observed, Does.Contain("Login incorrect"));
            Assert.That(right.Verdict, Is.EqualTo(Verdict.Pass), right.Reason);
            Assert.That(right.Details["password"]!.GetValue<string>(), Is.EqualTo("(not recorded)"));
            Assert.That(right.Details["password-echoed"]!.GetValue<bool>(), Is.False);
            Assert.That(right.Evidence, Has.Count.EqualTo(1));
            Assert.That(version.Verdict, Is.EqualTo(Verdict.Pass), version.Reason);
            Assert.That(reply.Verdict, Is.EqualTo(Verdict.Pass), reply.Reason);
        });
        foreach (var secret in new[] { ReferenceDevice.FactoryPassword, "not-the-password" })
        {
            Assert.That(bench.JournalText(), Does.Not.Contain(secret), "the journal never holds a password");
            foreach (var evidence in wrong.Evidence.Concat(right.Evidence))
                Assert.That(File.ReadAllText(bench.EvidencePath(evidence)), Does.Not.Contain(secret), "nor does step evidence");
        }
    }

    [Test]
    public async Task LoginTypesAtALoginPromptAnEarlierStepAlreadyMatched()
    {
        await using var bench = await VirtualBench.StartAsync();
        await bench.StepAsync("power.on", new NoArguments());
        // a rig whose ready pattern is the login prompt itself: the cursor is now past the only prompt the DUT prints
        var ready = await bench.StepAsync("serial.expect", Expect("login: $"));
        Assert.That(ready.Verdict, Is.EqualTo(Verdict.Pass), ready.Reason);

        var arguments = Login(ReferenceDevice.FactoryPassword);
        var login = await bench.StepAsync("serial.login", new SerialLoginStep.Arguments
        {
            User = arguments.User, Password = arguments.Password, ShellPrompt = arguments.ShellPrompt, Prompt = "login: $",
            Within = TimeSpan.FromSeconds(10), WakeAfter = TimeSpan.Zero, // never press Enter for a fresh prompt: only the pending one can do
        });

        Assert.That(login.Verdict, Is.EqualTo(Verdict.Pass), login.Reason);
        Assert.That(login.Details["login-prompt"]!.GetValue<string>(), Does.StartWith("seen before the cursor (serial bytes "));
        Assert.That(login.Details["wakes"], Is.Null);
    }

    [Test]
    public async Task AMegabyteLineFromAHostileDeviceDoesNotBreakExpect()
    {
        await using var bench = await VirtualBench.StartAsync("hostile-output");
        await bench.StepAsync("power.on", new NoArguments());

        var ready = await bench.StepAsync("serial.expect", Expect(@"\[boot\] ready", 30));

        Assert.That(ready.Verdict, Is.EqualTo(Verdict.Pass), ready.Reason);
        var motd = bench.SerialText().IndexOf("[boot] motd: ", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(motd, Is.GreaterThan(0));
            Assert.That(ready.Details["match"]!["start"]!.GetValue<long>(), Is.GreaterThan(1024 * 1024), "found after the 1 MiB line");
            Assert.That(ready.Ended - ready.Started, Is.LessThan(TimeSpan.FromSeconds(10)), "a generous bound: the scan is linear, lines are clipped");
        });
        await Poll.UntilAsync(() => bench.Console.Log.Length > 1024 * 1024, TimeSpan.FromSeconds(5), "the long line");
        var rendered = SharedFile.ReadAllText(bench.RunEvidence("-serial.log"));
        Assert.Multiple(() =>
        {
            Assert.That(rendered, Does.Contain("\\x1B[31mRED"), "ANSI shown, not interpreted");
            Assert.That(rendered, Does.Contain("more characters on this line]"), "the long line is clipped in the text view");
            Assert.That(rendered, Does.Not.Contain("\u001b").And.Not.Contain("\0"));
            Assert.That(new FileInfo(bench.RunEvidence("-serial.raw")).Length, Is.GreaterThan(1024 * 1024), "the raw evidence keeps every byte");
        });
    }

    [Test]
    public async Task BytesSentWhileTheDeviceIsOffAreDropped()
    {
        await using var bench = await VirtualBench.StartAsync();
        var typed = await bench.StepAsync("serial.send", new SerialSendStep.Arguments { Text = "admin" });
        Assert.That(typed.Verdict, Is.EqualTo(Verdict.Pass), typed.Reason);

        await bench.StepAsync("power.on", new NoArguments());
        var prompt = await bench.StepAsync("serial.expect", Expect("login: "));
        var taken = await bench.StepAsync("serial.expect", Expect("admin|Password:", 1.5));

        Assert.That(prompt.Verdict, Is.EqualTo(Verdict.Pass), prompt.Reason);
        Assert.That(taken.Verdict, Is.EqualTo(Verdict.Fail), "the user name typed before power-on was neither echoed nor taken");
    }
}
