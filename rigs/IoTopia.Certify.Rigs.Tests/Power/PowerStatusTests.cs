using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Power;

/// <summary>
/// The power steps read the backend's status after every switch, until it agrees or its <c>status-within</c> passes:
/// a backend that lies (on after off, off after on) or answers neither pattern is the lab's error, with its output as
/// the step's evidence; a relay that takes a moment is waited for. A marker file stands for the relay.
/// </summary>
[TestFixture]
public sealed class PowerStatusTests
{
    private string _directory = null!;
    private string Marker => Path.Combine(_directory, "powered");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("rig-power-status-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private ExecPowerOptions Truthful => new()
    {
        On = $"touch '{Marker}'",
        Off = $"rm -f '{Marker}'",
        Status = $"if [ -e '{Marker}' ]; then echo 'relay 3: ON'; else echo 'relay 3: OFF'; fi",
        StatusWithin = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(10),
    };

    private static async Task<(StepRecord Step, string Evidence)> RunAsync(StepHost host, string step, object? args = null)
    {
        var record = await host.RunStepAsync(step, args ?? new NoArguments());
        var status = record.Evidence.Where(e => e.Kind == "power-status").Select(e => File.ReadAllText(Path.Combine(host.Folder.Root, e.Path)));
        return (record, string.Join("\n", status));
    }

    [Test]
    public async Task ATruthfulBackendPassesWithItsStatusAsEvidence()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Truthful);

        var (on, onStatus) = await RunAsync(host, "power.on");
        var (cycle, cycleStatus) = await RunAsync(host, "power.cycle", new PowerCycleStep.Arguments { OffFor = TimeSpan.FromMilliseconds(100) });

        Assert.Multiple(() =>
        {
            Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
            Assert.That((string?)on.Details["status-after-on"], Is.EqualTo("the power status says on: 'relay 3: ON'"));
            Assert.That(onStatus, Does.Contain("expected: on").And.Contain("reported on").And.Contain("relay 3: ON"));
            Assert.That(cycle.Verdict, Is.EqualTo(Verdict.Pass), cycle.Reason);
            Assert.That(cycleStatus, Does.Contain("relay 3: OFF").And.Contain("relay 3: ON"), "both switches of the cycle were confirmed");
        });
    }

    [Test]
    public async Task ABackendSayingOnAfterOffIsAnErrorWithItsOutput()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Truthful with { Status = "echo 'relay 3: ON'" });

        var (off, evidence) = await RunAsync(host, "power.off");
        var (cycle, _) = await RunAsync(host, "power.cycle", new PowerCycleStep.Arguments { OffFor = TimeSpan.Zero });

        Assert.Multiple(() =>
        {
            Assert.That(off.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(off.Reason, Does.Contain("power off: switched off, but the power status still says on").And.Contain("'relay 3: ON'"));
            Assert.That(evidence, Does.Contain("expected: off within 1s").And.Contain("relay 3: ON"));
            Assert.That(evidence.Split('\n').Count(l => l.Contains("reported on")), Is.GreaterThan(1), "the status was read again until the deadline");
            Assert.That(cycle.Verdict, Is.EqualTo(Verdict.Error), "power.cycle checks its off too");
            Assert.That(File.Exists(Marker), Is.False, "the off command itself ran");
        });
    }

    [Test]
    public async Task ABackendSayingOffAfterOnIsAnErrorWithItsOutput()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Truthful with { Status = "echo 'relay 3: OFF'" });

        var (on, evidence) = await RunAsync(host, "power.on");

        Assert.That(on.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(on.Reason, Does.Contain("power on: switched on, but the power status still says off"));
        Assert.That(evidence, Does.Contain("relay 3: OFF"));
    }

    [Test]
    public async Task AStatusMatchingNeitherPatternIsAnError()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Truthful with { Status = "echo 'usbrelay: device not found'" });

        var (on, evidence) = await RunAsync(host, "power.on");

        Assert.That(on.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(on.Reason, Does.Contain("neither on nor off").And.Contain("usbrelay: device not found"));
        Assert.That(evidence, Does.Contain("reported unknown").And.Contain("usbrelay: device not found"));
    }

    [Test]
    public async Task ARelayThatTakesAMomentIsWaitedFor()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        // the contact closes 0.7 s after the command returns
        rig.Power = new ExecPower(host.Run, Truthful with
        {
            On = $"(sleep 0.7; touch '{Marker}') >/dev/null 2>&1 &",
            StatusWithin = TimeSpan.FromSeconds(20),
        });

        var (on, evidence) = await RunAsync(host, "power.on");

        Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
        Assert.That(evidence, Does.Contain("reported off").And.Contain("reported on"), "read while off, then again until on");
    }

    [Test]
    public async Task WithoutAStatusCommandTheStepSaysTheStateWasNotChecked()
    {
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        rig.Power = new ExecPower(host.Run, Truthful with { Status = null });

        var (on, evidence) = await RunAsync(host, "power.on");

        Assert.That(on.Verdict, Is.EqualTo(Verdict.Pass), on.Reason);
        Assert.That((string?)on.Details["status-after-on"], Is.EqualTo("state not checked: drivers.power gives no status command"));
        Assert.That(evidence, Is.Empty);
    }
}
