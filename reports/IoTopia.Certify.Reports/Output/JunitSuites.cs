using System.Text.Json;
using IoTopia.Certify.Reports.Model;

namespace IoTopia.Certify.Reports.Output;

/// <summary>Groups scenarios into testsuites: per pillar (of the first requirement), then rig checks, then the rest.</summary>
internal static class JunitSuites
{
    public const string RigCheck = "rig-check";
    public const string Unassigned = "unassigned";

    public static IReadOnlyList<JunitSuite> Group(ResultsIndex index)
    {
        var keyed = index.Scenarios.Select(s => (Key: KeyOf(index, s), Scenario: s)).ToList();
        var suites = new List<JunitSuite>();
        var handled = new HashSet<string>(StringComparer.Ordinal);

        void Add(string key, string name)
        {
            handled.Add(key);
            var scenarios = keyed.Where(k => k.Key == key).Select(k => k.Scenario).ToList();
            if (scenarios.Count > 0)
                suites.Add(new JunitSuite(name, scenarios));
        }

        foreach (var (id, name) in index.Pillars)
            Add(id, name.Length > 0 ? $"{id} - {name}" : id);
        Add(RigCheck, RigCheck);

        var rest = keyed.Where(k => !handled.Contains(k.Key)).Select(k => k.Scenario).ToList();
        if (rest.Count > 0)
            suites.Add(new JunitSuite(Unassigned, rest));
        if (suites.Count == 0)
            suites.Add(new JunitSuite("IoTopia.Certify", []));
        return suites;
    }

    private static string KeyOf(ResultsIndex index, JsonElement scenario)
    {
        if (ResultsIndex.IsRigCheck(scenario))
            return RigCheck;
        var pillars = index.PillarsOf(scenario);
        return pillars.Count > 0 ? pillars[0] : Unassigned;
    }
}
