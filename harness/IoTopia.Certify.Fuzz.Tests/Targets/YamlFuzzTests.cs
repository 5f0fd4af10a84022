using System.Text;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>
/// The YAML loaders (suites then planned, rigs, statements, decisions, catalogue, frameworks) under mutants of every
/// YAML file in the repository, and the hostile cases of issue 10: nesting 40,000 deep, alias chains, durations
/// out of range, a null declarations path. Each is refused with an <c>InputException</c> at file:line, never a
/// crash, hang or runaway allocation.
/// </summary>
[TestFixture]
public sealed class YamlFuzzTests() : TargetFixture<YamlTarget>(new YamlTarget(Fuzzing.Root))
{
    private Seed SeedOf(YamlRole role) => OurSeeds.First(s => YamlTarget.RoleOf(s) == role);

    [Test]
    public void EveryRoleHasASeed() =>
        Assert.That(OurSeeds.Select(YamlTarget.RoleOf).Distinct(), Is.EquivalentTo(Enum.GetValues<YamlRole>()));

    [Test]
    public void OurYamlFilesAndTheirMutants() => MutantsHold(OurSeeds);

    private CaseOutcome Run(YamlRole role, string yaml) => Runner.Run(Encoding.UTF8.GetBytes(yaml), SeedOf(role));

    private static void AssertRefused(CaseOutcome outcome, string message)
    {
        Assert.That(outcome.Verdict, Is.EqualTo(CaseVerdict.Refused), outcome.ToString());
        Assert.That(outcome.Error!.Message, Does.Match(@"^/\S+:\d+:\d+: ").And.Contain(message), "named at file:line:column");
    }

    [Test]
    public void NestingFortyThousandDeepIsRefused([Values(YamlRole.Suite, YamlRole.Rig, YamlRole.Statement, YamlRole.Decisions, YamlRole.Catalogue)] YamlRole role) =>
        AssertRefused(Run(role, "name: x\nkey: " + new string('[', 40_000) + new string(']', 40_000) + "\n"), "nested deeper than 64 levels");

    [TestCase(9, 10)]
    [TestCase(30, 2)]
    public void AnAliasChainInAStepArgumentIsRefused(int levels, int fanout) =>
        AssertRefused(Run(YamlRole.Suite, $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: {{for: 1s, x: {Mutations.AliasChain(levels, fanout)}}}\n"),
            "nodes once aliases are expanded");

    private static string Suite(string timeout, string wait) =>
        $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    timeout: {timeout}\n    steps:\n      - wait: {wait}\n        timeout: {timeout}\n";

    [TestCase("99999999999999999999s")]
    [TestCase("922337203685s")]
    [TestCase("168.001h")]
    [TestCase("10081m")]
    [TestCase("604801")]
    public void ADurationPastTheMaximumIsRefused(string duration)
    {
        AssertRefused(Run(YamlRole.Suite, Suite(duration, "1s")), "(at most 168h)");
        AssertRefused(Run(YamlRole.Suite, Suite("1s", duration)), "(at most 168h)");
    }

    [Test]
    public void TheMaximumDurationIsAccepted() =>
        Assert.That(Run(YamlRole.Suite, Suite("168h", "168h")).Verdict, Is.EqualTo(CaseVerdict.Accepted));

    [Test]
    public void ASerialPatternOfTwoMegabytesIsRefused() =>
        AssertRefused(Run(YamlRole.Suite, $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - serial.expect: \"{new string('A', 2_000_000)}\"\n"),
            "characters long; at most 1024");

    // Found by fuzzing: each step's pattern was built as a regex to check it, ~1.2 MB apiece; 1,300 steps allocated 1.6 GB.
    [Test]
    public void ManySerialStepsWithOnePatternStayWithinTheBound()
    {
        var steps = string.Concat(Enumerable.Repeat("      - serial.expect: { pattern: \"login: $\", within: 1s }\n", 1300));
        var outcome = Run(YamlRole.Suite, $"scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    needs: [serial]\n    steps:\n{steps}");
        Assert.That(outcome.Verdict, Is.EqualTo(CaseVerdict.Accepted), outcome.ToString());
    }

    [Test]
    public void ANullDecisionsPathIsRefused() =>
        AssertRefused(Run(YamlRole.Rig, File.ReadAllText(Path.Combine(Fuzzing.Root, "rigs", "virtual.yaml")).Replace("decisions: ../", "decisions: null\nx: ../")), "decisions: null is not a file");
}
