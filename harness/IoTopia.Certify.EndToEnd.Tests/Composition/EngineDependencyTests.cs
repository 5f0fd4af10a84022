using System.Reflection;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.EndToEnd.Tests.Composition;

/// <summary>
/// The engine knows no driver, rig kind, suite, report or protocol library: it references none of the project's
/// other assemblies (MUD and the other protocol libraries sit beside it in harness/, used by the command line and
/// the suites). The command line, which composes the parts, is the positive control that such references show.
/// </summary>
[TestFixture]
public sealed class EngineDependencyTests
{
    private static readonly Assembly Engine = typeof(RunEngine).Assembly;

    [Test]
    public void TheEngineReferencesNoOtherAssemblyOfTheProject()
    {
        var own = References(Engine).Where(n => n != Engine.GetName().Name).ToList();
        Assert.That(own, Is.Empty, $"{Engine.GetName().Name} must not depend on: {string.Join(", ", own)}");
    }

    [TestCase("IoTopia.Certify.Mud")]
    [TestCase("IoTopia.Certify.Wire")]
    [TestCase("IoTopia.Certify.Rigs")]
    [TestCase("IoTopia.Certify.Suites.Intent")]
    public void TheCommandLineComposesWhatTheEngineMustNotKnow(string assembly)
    {
        var cli = typeof(Cli.Composition).Assembly;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(References(cli), Does.Contain(assembly), "the probe sees a real reference");
            Assert.That(References(Engine), Does.Not.Contain(assembly));
        }
    }

    private static List<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("IoTopia.Certify.", StringComparison.Ordinal)).ToList();
}
