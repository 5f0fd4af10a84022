using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Suites.Intent.Tests.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// On an offline bench the intent steps (here intent.mud-signature; intent.flows reads the same way) read the manufacturer's MUD file, signature and trust anchor named by the
/// rig file. A FIFO or a link to /dev/zero in their place is the lab's error naming the file, at once — never a
/// step waiting for a writer or reading without end.
/// </summary>
[TestFixture]
public sealed class ManufacturerFilesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly AddressPlan _plan = new(223, privilegedPorts: false);
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private async Task<StepRecord> RunAsync(string step, object arguments, ManufacturerMud mud)
    {
        var rig = new LabTestRig(_plan, []) { Mud = mud };
        await using var host = StepHost.Create(rig, new StepRegistry(typeof(MudFileStep).Assembly));
        return await host.RunStepAsync(step, arguments).WaitAsync(Deadline);
    }

    private string GoodMud() => _temp.Write("mud.json", System.Text.Encoding.UTF8.GetString(TestMud.File("https://mud.intent.example/rd-1.json", null, port: 44300)));

    private string DevZero(string name)
    {
        var path = _temp.Sub(name);
        File.CreateSymbolicLink(path, "/dev/zero");
        return path;
    }

    [Test]
    public async Task AFifoAsTheMudFileIsTheLabsErrorNamingIt()
    {
        var fifo = Fifo.Create(_temp.Sub("mud.json"));
        var record = await RunAsync("intent.mud-signature", new MudSignatureStep.Arguments(), new ManufacturerMud { MudFile = fifo, TrustAnchor = fifo, Origin = "test" });
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(record.Reason, Does.Contain(fifo).And.Contain("not a regular file"));
    }

    [Test]
    public async Task ASignatureLinkedToDevZeroIsTheLabsErrorNamingIt()
    {
        var p7s = DevZero("mud.p7s");
        var mud = GoodMud();
        var record = await RunAsync("intent.mud-signature", new MudSignatureStep.Arguments(), new ManufacturerMud { MudFile = mud, Signature = p7s, TrustAnchor = mud, Origin = "test" });
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Error), record.Reason);
        Assert.That(record.Reason, Does.Contain(p7s).And.Contain("not a regular file"));
    }

    [Test]
    public async Task AMudFileWithinBoundsIsJudged()
    {
        var mud = GoodMud();
        var record = await RunAsync("intent.mud-signature", new MudSignatureStep.Arguments(), new ManufacturerMud { MudFile = mud, TrustAnchor = mud, Origin = "test" });
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Fail), "the control: the regular file is read and judged (no signature published): " + record.Reason);
        Assert.That(record.Reason, Does.Contain("published no signature"));
    }
}
