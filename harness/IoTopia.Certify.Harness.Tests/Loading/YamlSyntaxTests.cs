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
        var file = temp.File("rig.yaml", yaml);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.StartWith($"{file}:").And.Contain("YAML syntax"));
    }
}
