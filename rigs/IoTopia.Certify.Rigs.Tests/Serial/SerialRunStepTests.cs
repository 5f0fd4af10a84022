using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Serial;

/// <summary>
/// serial.run on a real pty pair (socat, as the virtual rig makes it) against a real shell (Debian's dash) or a
/// scripted one on the device end: whole-line checks that an error message cannot satisfy, the exit status, the prompt.
/// </summary>
[TestFixture]
public sealed class SerialRunStepTests
{
    private const string NvramCommand = "nvram set smoke-marker dirty";
    private const string Get = "nvram get smoke-marker";

    /// <summary>The issue's device: no nvram, and an error message that quotes the command ("ok" inside "smoke-marker").</summary>
    private static ScriptedReply DeviceWithoutNvram(string command) =>
        new($"sh: {command}: not found");

    [Test]
    public async Task AnErrorMessageHoldingTheExpectedWordFailsWithTheOutputAsEvidence()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartScriptedAsync(DeviceWithoutNvram);
        // the smoke suite's old way passes on these bytes: 'ok' inside 'smoke-marker' — the false pass serial.run ends
        await bench.Host.RunStepAsync("serial.send", new SerialSendStep.Arguments { Text = NvramCommand });
        var free = await bench.Host.RunStepAsync("serial.expect", new SerialExpectStep.Arguments { Pattern = "nvram: committed|ok", Within = TimeSpan.FromSeconds(5) });
        Assert.That(free.Verdict, Is.EqualTo(Verdict.Pass), free.Reason);
        Assert.That(free.Details["match"]!["text"]!.GetValue<string>(), Is.EqualTo("ok"));

        var run = await bench.RunAsync(ShellBench.Run(NvramCommand, expectMatch: "nvram: committed|ok"));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Fail), run.Reason);
        var evidence = bench.Evidence(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Reason, Does.Contain("no line of the output matches /nvram: committed|ok/ as a whole line"));
            Assert.That(run.Observed, Is.EqualTo("sh: nvram set smoke-marker dirty: not found"));
            Assert.That(evidence, Does.Contain("$ nvram set smoke-marker dirty\n  sh: nvram set smoke-marker dirty: not found\n"));
            Assert.That(evidence, Does.Contain("prompt 'bench# '"));
            Assert.That(run.Details["commands"]![0]!["echoed"]!.GetValue<bool>(), Is.True, "the echoed command is not output");
        });
    }

    [Test]
    public async Task ARealShellWithoutTheCommandFailsOnItsOutputAndOnItsExitStatus()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartRealShellAsync();

        var line = await bench.RunAsync(ShellBench.Run(NvramCommand, expectLine: "ok"));
        var status = await bench.RunAsync(ShellBench.Run(NvramCommand, exitStatusCommand: "echo $?"));

        Assert.Multiple(() =>
        {
            Assert.That(line.Verdict, Is.EqualTo(Verdict.Fail), line.Reason);
            Assert.That(line.Observed, Does.Contain("nvram: not found"));
            Assert.That(status.Verdict, Is.EqualTo(Verdict.Fail), status.Reason);
            Assert.That(status.Reason, Is.EqualTo("`nvram set smoke-marker dirty` ended with exit status 127, expected 0"));
            Assert.That(status.Details["commands"]![0]!["exit-status"]!.GetValue<int>(), Is.EqualTo(127));
            Assert.That(bench.Evidence(status), Does.Contain("$ echo $?\n  127\n").And.Contain("# exit status 127"));
        });
    }

    [Test]
    public async Task LinesMatchExactlyOrByARegexAnchoredToTheWholeLine()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartScriptedAsync(command => command == Get
            ? new ScriptedReply("ok (not committed)", "smoke-marker=dirty")
            : new ScriptedReply("unknown command"));

        var cases = new (SerialRunStep.Arguments Arguments, Verdict Expected)[]
        {
            (ShellBench.Run(Get, expectLine: "smoke-marker=dirty"), Verdict.Pass),
            (ShellBench.Run(Get, expectLine: "ok"), Verdict.Fail),                      // only inside "ok (not committed)"
            (ShellBench.Run(Get, expectLine: "smoke-marker=dirt"), Verdict.Fail),
            (ShellBench.Run(Get, expectMatch: @"smoke-marker=\w+"), Verdict.Pass),
            (ShellBench.Run(Get, expectMatch: "dirty"), Verdict.Fail),                  // a word inside a line is not a line
            (ShellBench.Run(Get, expectMatch: "ok|committed"), Verdict.Fail),
            (ShellBench.Run(Get, expectMatch: @"ok \(not committed\)"), Verdict.Pass),
            (ShellBench.Run(Get, expectNoLine: "smoke-marker=dirty"), Verdict.Fail),
            (ShellBench.Run(Get, expectNoLine: "dirty"), Verdict.Pass),
            (ShellBench.Run(Get, expectLine: Get), Verdict.Fail),  // the echo is not output
        };
        foreach (var (arguments, expected) in cases)
        {
            var run = await bench.RunAsync(arguments);
            Assert.That(run.Verdict, Is.EqualTo(expected),
                $"line '{arguments.ExpectLine}' match /{arguments.ExpectMatch}/ no-line '{arguments.ExpectNoLine}': {run.Reason}");
        }
    }

    [Test]
    public async Task TheExitStatusIsReadWithTheRigsCommandAndUncheckedWithoutOne()
    {
        await using (var withFact = await ShellBench.StartAsync(new Dictionary<string, string> { ["dut.exit-status-command"] = "echo $?" }))
        {
            await withFact.StartRealShellAsync();
            var ok = await withFact.RunAsync(ShellBench.Run("true"));
            var failed = await withFact.RunAsync(ShellBench.Run("false"));
            var expectedOne = await withFact.RunAsync(ShellBench.Run("false", exitStatus: "1"));
            var any = await withFact.RunAsync(ShellBench.Run("false", exitStatus: "any"));
            var several = await withFact.RunAsync(ShellBench.Run($"echo a > {withFact.Folder}/marker\nfalse\ncat {withFact.Folder}/marker", expectLine: "a"));
            Assert.Multiple(() =>
            {
                Assert.That(ok.Verdict, Is.EqualTo(Verdict.Pass), ok.Reason);
                Assert.That(ok.Details["exit-status"]!.GetValue<string>(), Is.EqualTo("read with `echo $?`, expected 0"));
                Assert.That(ok.Details["commands"]![0]!["exit-status"]!.GetValue<int>(), Is.Zero);
                Assert.That(failed.Verdict, Is.EqualTo(Verdict.Fail), failed.Reason);
                Assert.That(failed.Reason, Does.Contain("ended with exit status 1, expected 0"));
                Assert.That(expectedOne.Verdict, Is.EqualTo(Verdict.Pass), expectedOne.Reason);
                Assert.That(any.Verdict, Is.EqualTo(Verdict.Pass), any.Reason);
                Assert.That(several.Verdict, Is.EqualTo(Verdict.Fail), "the second of three commands failed");
                Assert.That(several.Reason, Does.StartWith("`false` ended with exit status 1"));
            });
        }

        await using var without = await ShellBench.StartAsync();
        await without.StartRealShellAsync();
        var notChecked = await without.RunAsync(ShellBench.Run("false"));
        Assert.Multiple(() =>
        {
            Assert.That(notChecked.Verdict, Is.EqualTo(Verdict.Pass), notChecked.Reason);
            Assert.That(notChecked.Details["exit-status"]!.GetValue<string>(), Is.EqualTo("not checked: the rig gives no dut.exit-status-command"));
            Assert.That(without.Evidence(notChecked), Does.StartWith("# serial.run, prompt /bench# /; exit status not checked: the rig gives no dut.exit-status-command"));
        });
    }

    [Test]
    public async Task AnUnreadableExitStatusIsInconclusive()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartScriptedAsync(command => command == "echo $?" ? new ScriptedReply("sh: syntax error") : new ScriptedReply("done"));

        var run = await bench.RunAsync(ShellBench.Run("reboot-later", exitStatusCommand: "echo $?"));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Inconclusive), run.Reason);
        Assert.That(run.Reason, Does.Contain("cannot be read: `echo $?` printed no single whole number"));
    }

    [Test]
    public async Task NoPromptWithinTheDeadlineIsAnErrorNamingTheCommandAndTheDeadline()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartScriptedAsync(command => command == "hang" ? new ScriptedReply("working") { NoPrompt = true } : new ScriptedReply());

        var run = await bench.RunAsync(ShellBench.Run("hang", within: 1));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Error), run.Reason);
        Assert.That(run.Reason, Does.StartWith("no shell prompt /bench# / came back within 1s after `hang` ("));
        Assert.That(bench.Evidence(run), Does.Contain("$ hang\n# no shell prompt").And.Contain("working"));

        var status = await bench.RunAsync(ShellBench.Run("true", exitStatusCommand: "hang", within: 1));
        Assert.That(status.Verdict, Is.EqualTo(Verdict.Error), status.Reason);
        Assert.That(status.Reason, Does.Contain("after `hang`"), "says which command's prompt did not come: the exit status command's");
    }

    [Test]
    public async Task PromptLikeTextInTheOutputIsNotTakenForThePrompt()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartRealShellAsync();

        var run = await bench.RunAsync(ShellBench.Run(@"printf 'first\nbench# \nbench# x\nlast\n'", expectLine: "last"));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Pass), run.Reason);
        Assert.That(run.Details["commands"]![0]!["output-lines"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(run.Details["commands"]![0]!["prompt-like-lines-passed"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task ALogLineRightAfterThePromptIsAnsweredWithEnterForAFreshPrompt()
    {
        await using var bench = await ShellBench.StartAsync();
        var shell = await bench.StartScriptedAsync(command => command == "status"
            ? new ScriptedReply("state=ok") { AfterPrompt = "[net] DHCPACK from 127.0.0.1\r\n" }
            : new ScriptedReply());

        var run = await bench.RunAsync(ShellBench.Run("status", expectLine: "state=ok"));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Pass), run.Reason);
        Assert.That(run.Details["commands"]![0]!["wakes"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(shell.Commands, Is.EqualTo(new[] { "status", "" }), "one Enter, no other input");
    }

    [Test]
    public async Task AShellThatDoesNotEchoIsReadTheSame()
    {
        await using var bench = await ShellBench.StartAsync();
        await bench.StartScriptedAsync(_ => new ScriptedReply("state=ok"), echo: false);

        var run = await bench.RunAsync(ShellBench.Run("status", expectLine: "state=ok"));

        Assert.That(run.Verdict, Is.EqualTo(Verdict.Pass), run.Reason);
        Assert.That(run.Details["commands"]![0]!["echoed"]!.GetValue<bool>(), Is.False);
    }
}
