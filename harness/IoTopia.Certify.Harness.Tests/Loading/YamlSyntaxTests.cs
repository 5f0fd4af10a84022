using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Tests.Support;

namespace IoTopia.Certify.Harness.Tests.Loading;

/// <summary>Malformed YAML found by the fuzzer: each is a syntax error at file:line, never another exception.</summary>
[TestFixture]
public sealed class YamlSyntaxTests
{
    // YamlDotNet's scanner threw InvalidOperationException ("Operation is not valid due to the current state of the object").
    [TestCase("a:\n  - { p: [x]\nb: c\n")]
    [TestCase("a:\n  - { p: [x], q: y\n  b: c\n")]
    public void AFlowCollectionLeftOpenIsASyntaxError(string yaml)
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", yaml);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.StartWith($"{file}:").And.Contain("YAML syntax"));
    }

    // YamlDotNet's parser threw ArgumentException ("Global tags must be valid URIs", "Tag value must not be empty").
    [TestCase("!!]\0 a: b\n")]
    [TestCase("a: !<> c\n")]
    public void ATagYamlDotNetCannotTakeIsASyntaxError(string yaml)
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", yaml);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.StartWith($"{file}:").And.Contain("YAML syntax"));
    }

    // YamlDotNet's node builder threw ArgumentException ("The current event is of an unsupported type").
    [TestCase("s:\n  - : t\n", 2)]
    [TestCase("s:\n  - : t\n    k: v\n", 2)]
    [TestCase("- : t\n  k: v\n", 1)]
    public void AKeyWithoutANameIsASyntaxErrorWithItsLine(string yaml, int line)
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", yaml);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.StartWith($"{file}:{line}:").And.Contain("YAML syntax"));
    }

    // Path.GetFullPath threw ArgumentException ("Null character in path").
    [Test]
    public void ANulInADeclarationsPathIsNamedWithItsLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", "name: r\nkind: unknown-kind\nstatement: \"a\\0b.yaml\"\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.Contain($"{file}:3:12: statement: a file name cannot hold a NUL character"));
    }

    [Test]
    public void ANulInADecisionsDocumentPathIsNamedWithItsLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("decisions.yaml", "schemaVersion: 1\nassessor: a\ndecisions:\n  IOT-SBD-01:\n    verdict: pass\n    rationale: r\n    documents: [{ path: \"a\\0b\", sha256: 00 }]\n");
        var catalogue = RequirementCatalogue.Load(Path.Combine(RepoRoot.Path, "suites", "requirements.yaml"));
        var e = Assert.Throws<InputException>(() => DecisionsLoader.Load(file, catalogue))!;
        Assert.That(e.Message, Does.Contain($"{file}:7:").And.Contain("path: a file name cannot hold a NUL character"));
    }
}
