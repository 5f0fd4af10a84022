using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
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
    public async Task OperatorRestoreAsksOnStderrAndWaitsForEnterWithinItsDeadline()
    {
        await using var withOperator = StepHost.Create(new BenchRig("restore", "operator"), RigSteps.Registry);
        await using var without = StepHost.Create(new BenchRig("restore"), RigSteps.Registry);
        var prompt = new StringWriter();

        await new OperatorRestore("Hold RESET for 10 s.", TimeSpan.FromSeconds(5), new StringReader("\n"), prompt, () => true)
            .RestoreAsync(withOperator.Attempt, CancellationToken.None);

        Assert.That(prompt.ToString(), Does.Contain("Hold RESET for 10 s.").And.Contain("Press Enter when done (within 5s)"));
        Assert.That(withOperator.Events.OfType<Note>().Select(n => n.Text), Has.Some.StartsWith("restore: the operator confirmed"));
        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromSeconds(5), new StringReader("\n"), prompt, () => false)
                .RestoreAsync(withOperator.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("stdin is not a terminal"));
        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromSeconds(5), new StringReader("\n"), prompt, () => true)
                .RestoreAsync(without.Attempt, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("'operator' capability"));

        using var nobody = new NeverReader();
        Assert.That(async () => await new OperatorRestore("x", TimeSpan.FromMilliseconds(200), nobody, prompt, () => true)
                .RestoreAsync(withOperator.Attempt, CancellationToken.None),
            Throws.InstanceOf<TimeoutException>().With.Message.Contains("nobody pressed Enter within 200ms"));
    }
}
