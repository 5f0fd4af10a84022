using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Tests.Loading;

/// <summary>Every load error names file, line, column and key.</summary>
[TestFixture]
public sealed class SuiteLoaderTests
{
    private static readonly Dictionary<string, string> NoOverrides = new();

    private static string LoadError(string yaml, IReadOnlyDictionary<string, string>? overrides = null)
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", yaml);
        var e = Assert.Throws<InputException>(() => new SuiteLoader(StepRegistry.Default).Load([file], overrides ?? NoOverrides))!;
        Assert.That(e.Message, Does.Contain(file), "the message names the file");
        return e.Message.Replace(file, "FILE");
    }

    [Test]
    public void UnknownScenarioKey() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                stpes: []
                steps: [wait]
            """), Does.Contain("FILE:5:5: stpes: unknown key"));

    [Test]
    public void UnknownStepName() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - power.explode: {}
            """), Does.Contain("FILE:6:9: steps[0]: unknown step 'power.explode'"));

    [Test]
    public void UnknownStepArgument() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - selftest.measure: { name: x, valeu: 3 }
            """), Does.Contain("FILE:6:38: steps[0].selftest.measure.valeu: unknown argument; known: high, low, name, unit, value"));

    [Test]
    public void BadStepArgumentType() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - selftest.measure: { name: x, value: lots }
            """), Does.Contain("FILE:6:45: steps[0].selftest.measure.value: expected a number, got 'lots'"));

    [Test]
    public void MissingRequiredArgument() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - selftest.measure: { value: 3 }
            """), Does.Contain("steps[0].selftest.measure: missing required argument 'name'"));

    [Test]
    public void BadDuration() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - wait: soon
            """), Does.Contain("FILE:6:15: steps[0].wait: expected a duration"));

    [Test]
    public void DuplicateScenarioIds()
    {
        var message = LoadError("""
            scenarios:
              - id: same
                title: one
                kind: rig-check
                steps: [wait]
              - id: same
                title: two
                kind: rig-check
                steps: [wait]
            """);
        Assert.That(message, Does.Contain("FILE:6:5: id: duplicate scenario id 'same' (first at FILE:2:5)"));
    }

    [Test]
    public void DuplicateYamlKeys() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                id: b
                title: t
                steps: [wait]
            """), Does.Match(@"FILE:\d+:\d+: YAML syntax: .*[Dd]uplicate key"));

    [Test]
    public void UnknownParameterReference() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - wait: "${nap}"
            """), Does.Contain("unknown parameter '${nap}'"));

    [Test]
    public void ParameterOverrideNobodyDeclares()
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", "scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps: [wait]\n");
        var e = Assert.Throws<InputException>(() => new SuiteLoader(StepRegistry.Default).Load([file], new Dictionary<string, string> { ["cuts"] = "3" }))!;
        Assert.That(e.Message, Does.Contain("--param cuts: no loaded scenario declares a parameter 'cuts'"));
    }

    [Test]
    public void BadRequirementIdAndCapability() =>
        Assert.That(LoadError("""
            scenarios:
              - id: a
                title: t
                requirements: [IOT-XYZ-1]
                needs: [teleport]
                steps: [wait]
            """), Does.Contain("FILE:4:5: requirements: 'IOT-XYZ-1' is not a requirement ID").And.Contain("FILE:5:5: needs: 'teleport' is not a rig capability"));

    [Test]
    public void SyntaxErrorNamesTheLine() =>
        Assert.That(LoadError("scenarios:\n  - id: [unclosed\n"), Does.Match(@"FILE:\d+:\d+: YAML syntax"));

    [Test]
    public void AllProblemsAreReportedTogether()
    {
        var message = LoadError("""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                colour: blue
                steps:
                  - nope.step
              - id: b
                title: t
                kind: sometimes
                steps: [wait]
            """);
        Assert.That(message.Split('\n'), Has.Length.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void ParametersAreSubstitutedAndOverridden()
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", """
            parameters:
              nap: 20ms
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - wait: "${nap}"
            """);
        var suite = new SuiteLoader(StepRegistry.Default).Load([file], new Dictionary<string, string> { ["nap"] = "3s" });
        var wait = (Harness.Steps.Common.WaitStep.Arguments)suite.Scenarios[0].Steps[0].Arguments;
        Assert.That(wait.For, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    private static string MarkerSuite(string file) => $$"""
        scenarios:
          - id: a
            title: t
            kind: rig-check
            steps:
              - selftest.marker: { file: "{{file}}" }
        """;

    [TestCase("/etc/passwd")]
    [TestCase("../outside.log")]
    [TestCase("/dev/zero")]
    public void ASuiteCannotNameAFileOutsideItsFolder(string file) =>
        Assert.That(LoadError(MarkerSuite(file)), Does.Contain("FILE:6:").And.Contain("outside the suite's folder"));

    [Test]
    public void ALinkBesideTheSuiteToAHostFileIsRefused()
    {
        using var temp = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(temp.Path, "innocent.log"), "/etc/shadow");
        var file = temp.Write("suite.yaml", MarkerSuite("innocent.log"));
        var e = Assert.Throws<InputException>(() => new SuiteLoader(StepRegistry.Default).Load([file], NoOverrides))!;
        Assert.That(e.Message, Does.Contain($"{file}:6:").And.Contain("outside the suite's folder"));
    }

    [Test]
    public void AFileBesideTheSuiteIsResolvedAgainstItsFolder()
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", MarkerSuite("logs/marker.log"));
        var suite = new SuiteLoader(StepRegistry.Default).Load([file], NoOverrides);
        var marker = (Harness.Steps.Selftest.MarkerStep.Arguments)suite.Scenarios[0].Steps[0].Arguments;
        Assert.That(marker.File, Is.EqualTo(Path.Combine(temp.Path, "logs", "marker.log")));
    }

    [Test]
    public void AFileInTheRigsFolderIsAllowed()
    {
        using var suiteFolder = new TempFolder();
        using var rigFolder = new TempFolder();
        var file = suiteFolder.Write("suite.yaml", MarkerSuite(Path.Combine(rigFolder.Path, "marker.log")));
        Assert.That(() => new SuiteLoader(StepRegistry.Default, fileRoots: [rigFolder.Path]).Load([file], NoOverrides), Throws.Nothing);
        Assert.That(() => new SuiteLoader(StepRegistry.Default).Load([file], NoOverrides), Throws.InstanceOf<InputException>());
    }

    // found by the yaml fuzz target: Path.GetFullPath threw ArgumentException on a NUL (the YAML escape \0)
    [Test]
    public void AFileNameHoldingANulIsAnErrorAtItsLine() =>
        Assert.That(LoadError(MarkerSuite("a\\0b.log")), Does.Contain("FILE:6:").And.Contain("NUL character"));

    [TestCase("../../etc/passwd")]
    [TestCase("a/b")]
    [TestCase("")]
    public void AnEvidenceLabelIsAPlainName(string name) =>
        Assert.That(LoadError($$"""
            scenarios:
              - id: a
                title: t
                kind: rig-check
                steps:
                  - selftest.ticker: { name: "{{name}}" }
            """), Does.Contain("FILE:6:").And.Contain("names evidence"));
}
