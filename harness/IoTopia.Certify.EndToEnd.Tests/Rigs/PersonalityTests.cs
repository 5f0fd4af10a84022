using System.Text.RegularExpressions;
using IoTopia.Certify.EndToEnd.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// Every personality of fixtures/personalities.yaml, run on the virtual rig against the suites that
/// cover what it breaks: each must make exactly those scenarios or requirements fail, and one that
/// breaks nothing must pass. A personality that breaks requirements runs their whole pillars, so a
/// requirement it does not name must not fail.
/// </summary>
[TestFixture]
public sealed partial class PersonalityTests
{
    private static readonly string Suites = RepoRoot.Combine("suites");
    private const string Baseline = "smoke.boot-banner,smoke.dns-query,smoke.status-endpoint";

    [GeneratedRegex(@"^IOT-(SBD|INT|ONB|LCM)-\d\d$")]
    private static partial Regex RequirementId();

    public static IEnumerable<TestCaseData> Personalities()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepoRoot.Combine("fixtures", "personalities.yaml")))
            stream.Load(reader);
        foreach (var (key, value) in ((YamlMappingNode)stream.Documents[0].RootNode).Children)
        {
            var breaks = ((YamlSequenceNode)((YamlMappingNode)value).Children[new YamlScalarNode("breaks")]).Children
                .Select(n => ((YamlScalarNode)n).Value!).ToArray();
            yield return new TestCaseData(((YamlScalarNode)key).Value!, breaks).SetArgDisplayNames(((YamlScalarNode)key).Value!);
        }
    }

    [TestCaseSource(nameof(Personalities))]
    public async Task EachPersonalityBreaksExactlyWhatItSays(string personality, string[] breaks)
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it");
        var requirements = breaks.Where(b => RequirementId().IsMatch(b)).ToList();
        var uncovered = requirements.Where(id => !SuitesMention(id)).ToList();
        if (uncovered.Count > 0)
            Assert.Ignore($"no suite verifies {string.Join(", ", uncovered)} yet: the intent suite of the MUD issue adds it");

        using var temp = new TempFolder();
        var pillars = requirements.Count == breaks.Length && breaks.Length > 0
            ? requirements.Select(id => id.Split('-')[1]).Distinct().ToList()
            : null;
        var filter = breaks.Length == 0 ? Baseline : pillars is not null ? string.Join(",", pillars) : string.Join(",", breaks);
        var result = await CertifyProgram.RunAsync(["run", "--suite", Suites, "--personality", personality, "--filter", filter, "--out", temp.Sub("run")],
            TimeSpan.FromMinutes(3));
        var run = new RunFolderReader(temp.Sub("run"));
        if (breaks.Length == 0)
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            return;
        }
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        foreach (var broken in breaks)
        {
            var verdict = RequirementId().IsMatch(broken) ? (string?)run.Requirement(broken)["verdict"] : run.Verdict(broken);
            Assert.That(verdict, Is.EqualTo("fail"), $"{personality} breaks {broken}");
        }
        if (pillars is null)
            return;
        var alsoFailed = run.Results["requirements"]!.AsArray()
            .Where(r => (string?)r!["verdict"] == "fail" && !breaks.Contains((string)r["id"]!))
            .Select(r => $"{r!["id"]}: {r["reason"]}").ToList();
        Assert.That(alsoFailed, Is.Empty, $"{personality} must fail only {string.Join(", ", breaks)}");
    }

    private static bool SuitesMention(string requirement) =>
        Directory.EnumerateFiles(Suites, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "requirements.yaml" && !f.Contains($"{Path.DirectorySeparatorChar}frameworks{Path.DirectorySeparatorChar}"))
            .Any(f => File.ReadAllText(f).Contains(requirement, StringComparison.Ordinal));
}
