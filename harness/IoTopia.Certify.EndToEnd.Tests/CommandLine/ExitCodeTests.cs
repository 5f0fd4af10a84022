using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>Each exit code of CONTRACTS.md, from a filter over the verdicts suite.</summary>
[TestFixture]
public sealed class ExitCodeTests
{
    private static readonly string Verdicts = TestSuites.File("verdicts.yaml");

    [TestCase("v.pass", 0)]
    [TestCase("v.pass,v.fail-measurement", 1)]
    [TestCase("v.fail-measurement,v.lab-exception", 2)]
    [TestCase("v.pass,v.inconclusive,v.needs-capture", 4)]
    [TestCase("v.needs-capture", 3)]
    [TestCase("no-such-scenario*", 3)]
    [TestCase("IOT-SBD-05", 0)]
    [TestCase("SBD", 1)]
    [TestCase("LCM", 2)]
    public async Task ExitCodeFollowsTheVerdicts(string filter, int expected)
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Verdicts, "--filter", filter, "--out", temp.Sub("run")],
            TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(expected), result.ToString());
        if (Directory.Exists(temp.Sub("run")))
            _ = new RunFolderReader(temp.Sub("run")); // validates results.json against the schema
    }

    [Test]
    public async Task FilteredScenariosAreSkippedAsFiltered()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Verdicts, "--filter", "v.pass", "--out", temp.Sub("run")]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Scenario("v.inconclusive")["skipReason"], Is.EqualTo("filtered"));
    }

    [Test]
    public async Task AnOutFolderThatIsNotEmptyIsRefused()
    {
        using var temp = new TempFolder();
        temp.Write("something", "x");
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Verdicts, "--filter", "v.pass", "--out", temp.Path]);
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain("not empty"));
    }

    [Test]
    public async Task APersonalityOnARigWithoutThemIsRefused()
    {
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Verdicts, "--personality", "compliant", "--plan"]);
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain("rig option 'personality'").And.Contain("takes no rig options"));
    }

    [Test]
    public async Task PlanPrintsWhatWouldRunAndWhyNotAndTouchesNothing()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Verdicts, "--tier", "T1", "--plan", "--out", temp.Sub("run")]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("v.pass").And.Contain("skip (capability-missing: rig 'test-bench' lacks capture)")
            .And.Contain("skip (not-applicable").And.Contain("skip (artefact-missing"));
        Assert.That(Directory.Exists(temp.Sub("run")), Is.False, "--plan touches nothing");
    }

    [Test]
    public async Task UnknownOptionsAreBadInput()
    {
        var result = await CertifyProgram.RunAsync("run", "--no-such-flag");
        Assert.That(result.ExitCode, Is.EqualTo(3));
    }
}
