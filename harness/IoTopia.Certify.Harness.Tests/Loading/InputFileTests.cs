using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Tests.Loading;

/// <summary>
/// A suite, rig, statement or decisions path that is not a regular file — a FIFO, a link to a device — is an
/// error naming it, never a wait for a writer or an endless read; a file the rig names but that is missing is
/// reported at the rig file's line.
/// </summary>
[TestFixture]
public sealed class InputFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static InputException LoadFails(Action load)
    {
        InputException? error = null;
        var finished = Task.Run(() => error = Assert.Throws<InputException>(() => load())).Wait(Deadline);
        Assert.That(finished, Is.True, $"the loader returns within {Deadline.TotalSeconds} s");
        return error!;
    }

    [Test]
    public void AFifoGivenAsASuiteIsRefusedNotWaitedOn()
    {
        using var temp = new TempFolder();
        var fifo = Fifo.Create(temp.Sub("suite.yaml"));
        var e = LoadFails(() => new SuiteLoader(StepRegistry.Default).Load([fifo], new Dictionary<string, string>()));
        Assert.That(e.Message, Does.Contain(fifo).And.Contain("not a regular file"));
    }

    [Test]
    public void ARigLinkedToDevZeroIsRefusedNotReadForEver()
    {
        using var temp = new TempFolder();
        var rig = temp.Sub("rig.yaml");
        File.CreateSymbolicLink(rig, "/dev/zero");
        var e = LoadFails(() => RigLoader.Load(rig, new RigKinds()));
        Assert.That(e.Message, Does.Contain(rig).And.Contain("not a regular file"));
    }

    [TestCase("statement")]
    [TestCase("decisions")]
    public void AFileTheRigNamesButThatIsMissingIsReportedAtTheRigsLine(string key)
    {
        using var temp = new TempFolder();
        var rig = temp.Write("rig.yaml", $"name: r\nkind: in-process\n{key}: declarations/mistyped.yaml\n");
        var e = LoadFails(() => RigLoader.Load(rig, new RigKinds()));
        Assert.That(e.Message, Does.Contain($"{rig}:3:").And.Contain($"{key}: no such file {Path.Combine(temp.Path, "declarations", "mistyped.yaml")}"));
    }

    [Test]
    public void AFifoTheRigNamesAsItsStatementIsRefused()
    {
        using var temp = new TempFolder();
        var fifo = Fifo.Create(temp.Sub("statement.yaml"));
        var e = LoadFails(() => Declarations.StatementLoader.Load(fifo, new Harness.Catalogue.RequirementCatalogue([], new Dictionary<string, string>(), null)));
        Assert.That(e.Message, Does.Contain(fifo).And.Contain("not a regular file"));
    }
}
