using System.Text;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Tests.Support;

namespace IoTopia.Certify.Harness.Tests.Loading;

/// <summary>
/// Hostile YAML is refused at file:line before it can cost the process: nesting past the bound (40,000 levels
/// used to overflow the stack of YamlDotNet's node builder and abort the process) and alias chains that stand
/// for more nodes than the bound (nine levels used to take 37 s in the walk for ${dut.*} references).
/// </summary>
[TestFixture]
public sealed class YamlBoundsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public enum Loader { Suite, Rig, Statement, Decisions }

    private static InputException LoadError(Loader loader, string yaml, out string file)
    {
        using var temp = new TempFolder();
        var path = temp.Write(loader.ToString().ToLowerInvariant() + ".yaml", yaml);
        file = path;
        var load = Task.Run(() => Load(loader, path));
        Assert.That(Task.WaitAny([load], Deadline), Is.Zero, $"loading did not end within {Deadline}");
        Assert.That(load.Exception?.InnerException, Is.TypeOf<InputException>(), load.Exception?.ToString() ?? "the file was accepted");
        return (InputException)load.Exception!.InnerException!;
    }

    private static void Load(Loader loader, string path)
    {
        switch (loader)
        {
            case Loader.Suite:
                new SuiteLoader(StepRegistry.Default).Load([path], new Dictionary<string, string>());
                break;
            case Loader.Rig:
                RigLoader.Load(path, new RigKinds());
                break;
            case Loader.Statement:
                StatementLoader.Load(path, RequirementCatalogue.Empty);
                break;
            case Loader.Decisions:
                DecisionsLoader.Load(path, RequirementCatalogue.Empty);
                break;
        }
    }

    [Test]
    public void FlowNesting40000DeepIsRefusedAtTheLineWhereItCrossesTheBound([Values] Loader loader)
    {
        var e = LoadError(loader, "name: x\nkey: " + new string('[', 40_000) + new string(']', 40_000) + "\n", out var file);
        Assert.That(e.Message, Does.Contain($"{file}:2:").And.Contain($"nested deeper than {YamlBounds.MaxDepth} levels"));
    }

    [Test]
    public void BlockNestingPastTheBoundIsRefused([Values] Loader loader)
    {
        var yaml = new StringBuilder("name: x\nkey:\n");
        for (var i = 1; i <= YamlBounds.MaxDepth + 5; i++)
            yaml.Append(' ', 2 * i).Append("k:\n");
        yaml.Append(' ', 2 * (YamlBounds.MaxDepth + 6)).Append("v\n");
        var e = LoadError(loader, yaml.ToString(), out var file);
        Assert.That(e.Message, Does.Contain($"{file}:").And.Contain($"nested deeper than {YamlBounds.MaxDepth} levels"));
    }

    [Test]
    public void NestingAtTheBoundIsStillRead()
    {
        // Six levels above (root mapping, scenarios list, scenario, steps list, step, its arguments), the rest in x:
        // exactly the bound. The file parses and the binder names the unknown argument, not the depth.
        var deep = new string('[', YamlBounds.MaxDepth - 6) + new string(']', YamlBounds.MaxDepth - 6);
        var e = LoadError(Loader.Suite, $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: {{for: 1s, x: {deep}}}\n", out _);
        Assert.That(e.Message, Does.Contain("unknown argument").And.Not.Contain("nested deeper"));
    }

    private static string AliasChain(int levels)
    {
        var chain = new StringBuilder("[&l0 [a, a, a, a, a, a, a, a, a, a]");
        for (var i = 1; i <= levels; i++)
            chain.Append($", &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        return chain.Append(']').ToString();
    }

    [Test]
    public void AnAliasChainInAStepArgumentIsRefusedAtTheAliasThatCrossesTheBound()
    {
        // Nine levels of ten: 10^10 nodes once expanded. Refused at line 6, quickly.
        var e = LoadError(Loader.Suite,
            $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: {{for: 1s, x: {AliasChain(9)}}}\n", out var file);
        Assert.That(e.Message, Does.Contain($"{file}:6:").And.Contain($"more than {YamlBounds.MaxNodes} nodes once aliases are expanded"));
    }

    [Test]
    public void AliasesWithinTheBoundAreReadAndTheirDutReferencesFound()
    {
        using var temp = new TempFolder();
        // 10^4 nodes through aliases, under the bound; every one names ${dut.model}, which the rig does not give.
        var file = temp.Write("suite.yaml", $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: 1s\n    cleanup:\n      - wait: {{for: 1s, x: {AliasChain(3).Replace("a, a", "'${dut.model}', a")}}}\n");
        var load = Task.Run(() => new SuiteLoader(StepRegistry.Default).Load([file], new Dictionary<string, string>()));
        Assert.That(Task.WaitAny([load], Deadline), Is.Zero, $"loading did not end within {Deadline}");
        Assert.That(load.Result.Scenarios.Single().MissingDutFacts, Is.EqualTo(new[] { "model" }));
    }

    [Test]
    public void AMappingWithManyKeysIsReadInLinearTime()
    {
        using var temp = new TempFolder();
        var yaml = new StringBuilder("scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps: [wait]\n    parameters:\n");
        for (var i = 0; i < 40_000; i++)
            yaml.Append($"      p{i}: v\n");
        var file = temp.Write("suite.yaml", yaml.ToString());
        var load = Task.Run(() => new SuiteLoader(StepRegistry.Default).Load([file], new Dictionary<string, string>()));
        Assert.That(Task.WaitAny([load], Deadline), Is.Zero, $"loading did not end within {Deadline}");
        Assert.That(load.Result.Scenarios.Single().Parameters, Has.Count.EqualTo(40_000));
    }

    [TestCase("decisions: null")]
    [TestCase("statement: ~")]
    public void ANullDeclarationsPathIsNamedWithItsLine(string line)
    {
        var e = LoadError(Loader.Rig, $"name: r\nkind: unknown-kind\n{line}\n", out var file);
        Assert.That(e.Message, Does.Contain($"{file}:3:1: {line.Split(':')[0]}: null is not a file"));
    }
}
