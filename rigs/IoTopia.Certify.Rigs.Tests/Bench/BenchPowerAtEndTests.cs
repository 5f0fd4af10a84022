using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Bench;

/// <summary>
/// A bench switches its DUT off when the run ends (<c>drivers.power.at-end</c>, default off) and reads the status until
/// it says so, or leaves it on when the rig says <c>leave</c>; the journal says which. A marker file stands for the relay.
/// </summary>
[TestFixture]
public sealed class BenchPowerAtEndTests
{
    private static readonly RigKinds Kinds = new RigKinds().Add(new BenchRigKind());
    private string _folder = null!;
    private string Marker => Path.Combine(_folder, "powered");

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("bench-power-at-end-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Rig(string atEnd = "", string status = "") => Write($"""
        name: relay-bench
        kind: bench
        dut: {"{"} model: ACME-CAM-200 {"}"}
        drivers:
          power:
            kind: exec
            on: touch '{Marker}'
            off: rm -f '{Marker}'
            status: {(status.Length > 0 ? status : $"if [ -e '{Marker}' ]; then echo on; else echo off; fi")}
            status-within: 1s
        {atEnd}
        """);

    private string Write(string text)
    {
        var file = Path.Combine(_folder, "bench.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    private static async Task<IReadOnlyList<Note>> RunAndEndAsync(string rigFile)
    {
        var description = RigLoader.Load(rigFile, Kinds);
        var rig = Kinds.Create(description);
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        await rig.StartAsync(host.Run, CancellationToken.None);
        await rig.Drivers.Get<IPowerProtocol>().OnAsync(CancellationToken.None);
        await rig.DisposeAsync(); // what the engine does when a run ends, is interrupted or resumed to its end
        return [.. host.Events.OfType<Note>().Where(n => n.Data?["dutPowerAtEnd"] is not null)];
    }

    [Test]
    public async Task TheDutIsSwitchedOffAtTheEndAndTheStatusConfirmsIt()
    {
        var notes = await RunAndEndAsync(Rig());

        Assert.That(File.Exists(Marker), Is.False, "the relay is off");
        var note = notes.Single();
        Assert.That((string?)note.Data!["dutPowerAtEnd"], Is.EqualTo("off"));
        Assert.That(note.Text, Is.EqualTo("end of run: the DUT was powered off (the power status says off: 'off')"));
    }

    [Test]
    public async Task AtEndLeaveLeavesItOnAndSaysSo()
    {
        var notes = await RunAndEndAsync(Rig("    at-end: leave"));

        Assert.That(File.Exists(Marker), Is.True, "the relay is still on");
        Assert.That((string?)notes.Single().Data!["dutPowerAtEnd"], Is.EqualTo("left"));
        Assert.That(notes.Single().Text, Does.Contain("drivers.power.at-end: leave"));
    }

    [Test]
    public async Task AStatusThatStillSaysOnAtTheEndIsJournaledWithItsOutput()
    {
        var notes = await RunAndEndAsync(Rig(status: "echo on"));

        var note = notes.Single();
        Assert.That((string?)note.Data!["dutPowerAtEnd"], Is.EqualTo("unconfirmed"));
        Assert.That(note.Text, Does.Contain("the power status still says on"));
        Assert.That((string?)note.Data!["status"], Does.Contain("expected: off"));
    }

    [Test]
    public void AnAtEndThatIsNeitherOffNorLeaveIsAnErrorAtItsLine()
    {
        var file = Rig("    at-end: stay-on");
        var error = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(error.Message, Does.Contain("bench.yaml:11").And.Contain("drivers.power.at-end: 'stay-on' is not off or leave"));
    }
}
