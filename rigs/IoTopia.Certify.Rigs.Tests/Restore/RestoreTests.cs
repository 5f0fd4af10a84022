using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Operator;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Restore;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Restore;

[TestFixture]
public sealed class RestoreTests
{
    [Test]
    public async Task FactoryImageRestoreResetsTheDevicesFlashAndRefusesWhilePowered()
    {
        await using var bench = await VirtualBench.StartAsync();
        await bench.StepAsync("power.on", new NoArguments());
        var firstBoot = await bench.StepAsync("serial.expect", new SerialExpectStep.Arguments { Pattern = @"\[boot\] first boot: factory image", Within = TimeSpan.FromSeconds(15) });
        var ready = await bench.StepAsync("serial.expect", new SerialExpectStep.Arguments { Pattern = "login:", Within = TimeSpan.FromSeconds(15) });
        Assert.That(firstBoot.Verdict, Is.EqualTo(Verdict.Pass), firstBoot.Reason);
        Assert.That(ready.Verdict, Is.EqualTo(Verdict.Pass), ready.Reason);
        var provisioned = Directory.EnumerateFiles(bench.StateDir, "*", SearchOption.AllDirectories).ToList();
        Assert.That(provisioned, Is.Not.Empty, "the first boot wrote the device's flash");

        Assert.That(async () => await bench.Restore.RestoreAsync(bench.Host.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("the DUT's power is on"));
        Assert.That(Directory.EnumerateFiles(bench.StateDir, "*", SearchOption.AllDirectories).ToList(), Is.EquivalentTo(provisioned), "untouched");

        // the scenario baseline as a rig runs it: off, restore, cursor, on
        await bench.Rig.ResetToBaselineAsync(bench.Host.Attempt, CancellationToken.None);
        var again = await bench.StepAsync("serial.expect", new SerialExpectStep.Arguments { Pattern = @"\[boot\] first boot: factory image", Within = TimeSpan.FromSeconds(15) });
        Assert.That(again.Verdict, Is.EqualTo(Verdict.Pass), "after restore the device boots from its factory state again: " + again.Reason);
        Assert.That(bench.Host.Events.OfType<Note>().Select(n => n.Text), Has.Some.EqualTo("restore: state dir reset to the factory image (0 files)"));
    }

    [Test]
    public async Task TheCopyIsExactAndLinksInTheImageStayLinks()
    {
        await using var host = StepHost.Create(new BenchRig("restore"), RigSteps.Registry);
        var directory = host.Folder.Rig;
        var factory = Directory.CreateDirectory(Path.Combine(directory, "factory")).FullName;
        var state = Path.Combine(directory, "state");
        Directory.CreateDirectory(Path.Combine(factory, "slots"));
        await File.WriteAllTextAsync(Path.Combine(factory, "slots", "a.json"), "{\"version\":\"1.0.0\"}");
        File.CreateSymbolicLink(Path.Combine(factory, "passwd"), "/etc/passwd");
        Directory.CreateDirectory(Path.Combine(state, "junk"));
        await File.WriteAllTextAsync(Path.Combine(state, "junk", "left-over"), "x");
        var power = new FakePower();

        await new FactoryImageRestore(state, factory, power).RestoreAsync(host.Attempt, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.EnumerateFileSystemEntries(state, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(state, p)),
                Is.EquivalentTo(new[] { "slots", Path.Combine("slots", "a.json"), "passwd" }));
            Assert.That(File.ReadAllText(Path.Combine(state, "slots", "a.json")), Is.EqualTo("{\"version\":\"1.0.0\"}"));
            Assert.That(new FileInfo(Path.Combine(state, "passwd")).LinkTarget, Is.EqualTo("/etc/passwd"));
            Assert.That(Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "factory", "state" }), "no temp dirs left");
        });
        power.State = Rigs.Protocols.PowerState.Unknown;
        Assert.That(async () => await new FactoryImageRestore(state, factory, power).RestoreAsync(host.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("power is unknown"));
    }

    [Test]
    public async Task CommandRestoreRunsTheCommandAndAFailureNamesIt()
    {
        await using var host = StepHost.Create(new BenchRig("restore"), RigSteps.Registry);
        var marker = Path.Combine(host.Folder.Rig, "restored");

        await new CommandRestore($"echo flashed > '{marker}'", TimeSpan.FromSeconds(10)).RestoreAsync(host.Attempt, CancellationToken.None);

        Assert.That(File.ReadAllText(marker), Is.EqualTo("flashed\n"));
        Assert.That(async () => await new CommandRestore("echo 'no DFU device' >&2; exit 1", TimeSpan.FromSeconds(10)).RestoreAsync(host.Attempt, CancellationToken.None),
            Throws.InstanceOf<ShellCommandException>().With.Message.EqualTo("restore command `echo 'no DFU device' >&2; exit 1` exited with 1: no DFU device"));
    }

    [Test]
    public async Task OperatorRestoreAsksTheRunsOperatorWithTheTerminalTakenFromTheLiveView()
    {
        await using var host = StepHost.Create(new BenchRig("restore", "operator"), RigSteps.Registry, scenarioId: "bench.restore");
        var shown = new StringWriter();
        var taken = 0;
        host.Run.Rig.Drivers.Add(new TerminalOperator(new StringReader("maybe\nyes\n"), shown, _ =>
        {
            taken++;
            return Task.FromResult<IDisposable>(new Released());
        }), "operator terminal");

        await new OperatorRestore("Hold RESET for 10 s", TimeSpan.FromSeconds(5)).RestoreAsync(host.Attempt, CancellationToken.None);

        Assert.That(taken, Is.EqualTo(1), "the question took the terminal from the live view");
        Assert.That(shown.ToString(), Does.Contain("the operator's turn (bench.restore, before its steps, key restore)")
            .And.Contain("Hold RESET for 10 s. Is the DUT in its factory state?").And.Contain("'maybe' is not one of yes, no, y, n"));
        var note = host.Events.OfType<Note>().Single(n => n.Text.StartsWith("restore: the operator confirmed", StringComparison.Ordinal));
        Assert.That((string?)note.Data!["source"], Is.EqualTo(TerminalOperator.Source));
    }

    [TestCase("no\n", "the operator answered no: the DUT was not restored")]
    [TestCase("", "the terminal's input closed before an answer")]
    public async Task OperatorRestoreWithoutAYesIsALabError(string typed, string why)
    {
        await using var host = StepHost.Create(new BenchRig("restore", "operator"), RigSteps.Registry);
        host.Run.Rig.Drivers.Add(new TerminalOperator(new StringReader(typed), new StringWriter(), _ => Task.FromResult<IDisposable>(new Released())), "operator terminal");

        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromSeconds(5)).RestoreAsync(host.Attempt, CancellationToken.None),
            Throws.InstanceOf<Exception>().With.Message.EqualTo($"restore by operator: {why}"));
        Assert.That(host.Events.OfType<Note>().Select(n => n.Text), Has.None.StartsWith("restore: the operator confirmed"));
    }

    [Test]
    public async Task OperatorRestoreNeedsAPersonNotAnAnswersFileAndKeepsItsDeadline()
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", "answers:\n  bench.restore:\n    restore: yes\n");
        await using var withFile = StepHost.Create(new BenchRig("restore", "operator"), RigSteps.Registry, scenarioId: "bench.restore");
        withFile.Run.Rig.Drivers.Add(new AnswersFileOperator(AnswersLoader.Load(file)), "operator answers-file");
        await using var without = StepHost.Create(new BenchRig("restore"), RigSteps.Registry);
        await using var slow = StepHost.Create(new BenchRig("restore", "operator"), RigSteps.Registry);
        using var nobody = new NeverReader();
        slow.Run.Rig.Drivers.Add(new TerminalOperator(nobody, new StringWriter(), _ => Task.FromResult<IDisposable>(new Released())), "operator terminal");

        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromSeconds(5)).RestoreAsync(withFile.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("an answers file, which cannot restore a DUT"));
        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromSeconds(5)).RestoreAsync(without.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("'operator' capability"));
        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromMilliseconds(300)).RestoreAsync(slow.Attempt, CancellationToken.None),
            Throws.InstanceOf<TimeoutException>().With.Message.StartsWith("restore by operator: no answer by "));
    }

    private sealed class Released : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
