using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Power;

/// <summary>Power by shell commands: a marker file stands for the relay.</summary>
[TestFixture]
public sealed class ExecPowerTests
{
    private string _directory = null!;
    private string Marker => Path.Combine(_directory, "powered");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("rig-exec-power-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private ExecPowerOptions Options => new()
    {
        On = $"touch '{Marker}'",
        Off = $"rm -f '{Marker}'",
        Status = $"if [ -e '{Marker}' ]; then echo 'relay 3: ON'; else echo 'relay 3: OFF'; fi",
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Test]
    public async Task OnOffAndStatusRunTheRigsCommands()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        var power = new ExecPower(host.Run, Options);
        rig.Power = power;

        var on = await host.RunStepAsync("power.on", new NoArguments());
        Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
        Assert.That(File.Exists(Marker), Is.True);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));

        var off = await host.RunStepAsync("power.off", new NoArguments());
        Assert.That(off.Verdict, Is.EqualTo(Verdict.Pass), off.Reason);
        Assert.That(File.Exists(Marker), Is.False);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));

        var notes = host.Events.OfType<Note>().ToList();
        Assert.That(notes.Select(n => n.Text), Has.Some.StartsWith($"power on: `touch '{Marker}'` exited with 0"));
        Assert.That(notes.Last().Data!["stdout"]!.GetValue<string>(), Is.EqualTo("relay 3: OFF\n"), "the output is journaled");
        var started = host.Events.OfType<ProcessStarted>().Select(p => p.Pid).ToHashSet();
        var ended = host.Events.OfType<ProcessEnded>().Select(p => p.Pid).ToHashSet();
        Assert.That(ended, Is.EquivalentTo(started), "every command was an owned process, reaped");
    }

    [Test]
    public async Task AFailingCommandIsAnErrorNamingItAndAHangingOneIsCutAtItsDeadline()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Options with { On = "echo 'relay board not answering' >&2; exit 3" });
        var failed = await host.RunStepAsync("power.on", new NoArguments());

        rig.Power = new ExecPower(host.Run, Options with { Off = "sleep 30", Timeout = TimeSpan.FromMilliseconds(300) });
        var hung = await host.RunStepAsync("power.off", new NoArguments());

        Assert.Multiple(() =>
        {
            Assert.That(failed.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(failed.Reason, Does.Contain("power on command `echo 'relay board not answering' >&2; exit 3` exited with 3: relay board not answering"));
            Assert.That(hung.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(hung.Reason, Does.Contain("power off command `sleep 30` did not finish within 300ms"));
            Assert.That(hung.Ended - hung.Started, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(host.Events.OfType<ProcessEnded>().Count(e => e.Killed), Is.EqualTo(1), "the hanging command was killed and reaped");
        });
        Assert.That(() => new ExecPower(host.Run, Options with { On = " ", StatusOn = "(a+)\\1" }),
            Throws.ArgumentException.With.Message.Contains("on: the command is empty").And.Message.Contains("status-on"));
    }
}
