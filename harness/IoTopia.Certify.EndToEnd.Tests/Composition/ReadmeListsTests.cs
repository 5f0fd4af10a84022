using System.Reflection;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Bench;

namespace IoTopia.Certify.EndToEnd.Tests.Composition;

/// <summary>
/// The README's lists cannot drift from the code's registries: every capability name (and the protocol that gives
/// it), every bench driver kind with every key of its options, and the bench kind's own <c>lab</c> and <c>mud</c>
/// sections. (The <c>dut:</c> keys: <see cref="DutFactsTests"/>.)
/// </summary>
[TestFixture]
public sealed partial class ReadmeListsTests
{
    [GeneratedRegex(@"^\| `(?<name>[a-z.-]+)` \| (?<protocol>[^|]+) \| (?<drivers>[^|]+) \| (?<meaning>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex FourCells();

    [GeneratedRegex(@"`(?<key>[a-z0-9-]+)`")]
    private static partial Regex Quoted();

    private static readonly string Readme = File.ReadAllText(RepoRoot.Combine("README.md"));

    [Test]
    public void EveryCapabilityHasARowNamingTheProtocolsThatGiveIt()
    {
        var rows = Section("### Capability names and `drivers:` kinds", "| capability | protocol |");
        Assert.That(rows.Keys, Is.EqualTo(Capabilities.InOrder), "one row per capability, in CONTRACTS.md's order");
        var protocols = typeof(DriverBackends).Assembly.GetTypes().Concat(typeof(CapabilityAttribute).Assembly.GetTypes())
            .Where(t => t.IsInterface && t.GetCustomAttribute<CapabilityAttribute>() is not null);
        foreach (var protocol in protocols)
        {
            var capability = protocol.GetCustomAttribute<CapabilityAttribute>()!.Name;
            Assert.That(rows[capability].Groups["protocol"].Value, Does.Contain($"`{protocol.Name}`"), $"README: the row of `{capability}` names {protocol.Name}");
        }
    }

    [Test]
    public void EveryBenchDriverKindHasARowWithEveryKey()
    {
        // the cells: section | kind | gives | keys
        var rows = Rows("### Capability names and `drivers:` kinds", "| section | kind | gives | keys |")
            .Select(m => (Section: m.Groups["name"].Value, Kind: Quoted().Match(m.Groups["protocol"].Value).Groups["key"].Value, Keys: Keys(m.Groups["meaning"].Value)))
            .ToList();
        var expected = DriverBackends.Default.All.Select(b => (Slot: b.Slot, Kind: b.Kind, Keys: ArgumentBinder.BindableProperties(b.Options).Keys.ToHashSet()))
            .Append((Slot: "lab", Kind: "", Keys: ArgumentBinder.BindableProperties(typeof(BenchLabSection)).Keys.ToHashSet()))
            .Append((Slot: "mud", Kind: "", Keys: ArgumentBinder.BindableProperties(typeof(BenchMudSection)).Keys.ToHashSet()))
            .ToList();
        Assert.That(rows.Select(r => $"{r.Section} {r.Kind}"), Is.EquivalentTo(expected.Select(e => $"{e.Slot} {e.Kind}")), "README: one row per drivers: section and kind");
        foreach (var (slot, kind, keys) in expected)
            Assert.That(rows.Single(r => r.Section == slot && r.Kind == kind).Keys, Is.SupersetOf(keys), $"README: the keys of drivers.{slot} kind {kind}");
    }

    /// <summary>The four-cell rows of the table with <paramref name="header"/> after <paramref name="heading"/>, by their first cell.</summary>
    private static Dictionary<string, Match> Section(string heading, string header) => Rows(heading, header).ToDictionary(m => m.Groups["name"].Value, m => m);

    private static IReadOnlyList<Match> Rows(string heading, string header)
    {
        var start = Readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README has the section {heading}");
        var table = Readme.IndexOf(header, start, StringComparison.Ordinal);
        var end = Readme.IndexOf("\n\n", table, StringComparison.Ordinal);
        Assert.That(table, Is.GreaterThan(start), $"README's section {heading} has the table {header}");
        return FourCells().Matches(Readme[table..end]).ToList();
    }

    private static HashSet<string> Keys(string cell) => Quoted().Matches(cell).Select(m => m.Groups["key"].Value).ToHashSet();
}
