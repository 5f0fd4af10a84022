using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.EndToEnd.Tests.Composition;

/// <summary>The <c>dut:</c> keys: each documented with the scenarios that need it, typos refused, missing ones named when skipped.</summary>
[TestFixture]
public sealed partial class DutFactsTests
{
    [GeneratedRegex(@"\$\{dut\.(?<key>[a-z0-9-]+)\}")]
    private static partial Regex DutReference();

    [GeneratedRegex(@"^\| `(?<key>[a-z0-9-]+)` \| (?<meaning>[^|]+) \| (?<needed>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [Test]
    public void TheReadmeListsEveryDutKeyWithTheShippedScenariosThatNeedIt()
    {
        var readme = File.ReadAllText(RepoRoot.Combine("README.md"));
        var rows = TableRow().Matches(readme).Where(m => DutDescription.IsKnown(m.Groups["key"].Value))
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["needed"].Value);
        Assert.That(rows.Keys, Is.EquivalentTo(DutDescription.AllKeys), "README \"DUT facts\": one row per key");

        var suites = new SuiteLoader(Cli.Composition.Steps).Load([RepoRoot.Combine("suites")], new Dictionary<string, string>());
        var shipped = Directory.EnumerateFiles(RepoRoot.Combine("suites"), "*.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToList();
        foreach (var scenario in suites.Scenarios)
        {
            var text = shipped.Single(t => t.Contains($"- id: {scenario.Id}\n", StringComparison.Ordinal));
            var start = text.IndexOf($"- id: {scenario.Id}\n", StringComparison.Ordinal);
            var end = text.IndexOf("  - id: ", start + 1, StringComparison.Ordinal);
            var block = end < 0 ? text[start..] : text[start..end];
            foreach (var key in DutReference().Matches(block).Select(m => m.Groups["key"].Value).Distinct())
                Assert.That(rows[key], Does.Contain($"`{scenario.Id}`"), $"README: the row of `{key}` names {scenario.Id}, which reads ${{dut.{key}}}");
        }
    }

    [Test]
    public void ASuiteNamingAKeyNoRigCanGiveIsRefusedAtItsLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", """
            scenarios:
              - id: a
                title: a typo in a DUT fact
                kind: rig-check
                needs: [serial]
                steps:
                  - serial.expect: { pattern: "${dut.marker-lines}", within: 1s }
            """);
        var e = Assert.Throws<InputException>(() => new SuiteLoader(Cli.Composition.Steps).Load([file], new Dictionary<string, string>()))!;
        Assert.That(e.Message, Does.StartWith($"{file}:7:").And.Contain("${dut.marker-lines}: not a DUT fact a rig can give"));
    }

    [Test]
    public async Task AScenarioSkippedForAMissingDutKeyNamesIt()
    {
        using var temp = new TempFolder();
        var bench = File.ReadAllText(RepoRoot.Combine("rigs", "bench-example.yaml"));
        var withoutMarker = string.Join("\n", bench.Split('\n').Where(l => !l.StartsWith("  marker-", StringComparison.Ordinal)));
        Assert.That(withoutMarker, Is.Not.EqualTo(bench), "bench-example gives the marker keys");
        var rig = temp.Write("bench.yaml", withoutMarker);

        var plan = await CertifyProgram.RunAsync("run", "--plan", "--rig", rig, "--suite", RepoRoot.Combine("suites", "smoke"));

        Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
        var lines = plan.Stdout.Split('\n');
        foreach (var id in new[] { "smoke.restore-dirty", "smoke.restore-clean" })
            Assert.That(lines.Single(l => l.TrimStart().StartsWith(id + " ", StringComparison.Ordinal)),
                Does.Contain("skip (capability-missing: rig 'bench-example' does not give dut.marker-line, dut.marker-read-command, dut.marker-write-command (dut: in bench.yaml))"));
        Assert.That(lines.Single(l => l.TrimStart().StartsWith("smoke.factory-boot ", StringComparison.Ordinal)), Does.Contain("does not give dut.first-boot"));
    }
}
