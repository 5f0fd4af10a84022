using System.Text.Json;
using IoTopia.Certify.Reports.Input;

namespace IoTopia.Certify.Reports.Model;

/// <summary>Lookups over results.json shared by every report: catalogue entries, pillars, scenarios by ID, anchors.</summary>
internal sealed class ResultsIndex
{
    private readonly Dictionary<string, JsonElement> catalogue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> scenarioIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> requirementIndex = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Name)> pillars = [];

    public ResultsIndex(JsonElement root)
    {
        Root = root;
        Scenarios = [.. root.Items("scenarios")];
        Requirements = [.. root.Items("requirements")];

        foreach (var entry in root.Get("catalogue").Items("requirements"))
            catalogue.TryAdd(entry.Text("id"), entry);
        for (var i = 0; i < Scenarios.Count; i++)
            scenarioIndex.TryAdd(Scenarios[i].Text("id"), i);
        for (var i = 0; i < Requirements.Count; i++)
            requirementIndex.TryAdd(Requirements[i].Text("id"), i);

        foreach (var p in root.Get("catalogue").Members("pillars"))
            pillars.Add((p.Name, JsonRead.Scalar(p.Value)));
        foreach (var r in Requirements)
        {
            var pillar = PillarOf(r.Text("id"));
            if (pillar.Length > 0 && !pillars.Any(p => p.Id == pillar))
                pillars.Add((pillar, ""));
        }
    }

    public JsonElement Root { get; }

    public JsonElement Run => Root.Get("run");

    public IReadOnlyList<JsonElement> Scenarios { get; }

    public IReadOnlyList<JsonElement> Requirements { get; }

    /// <summary>Catalogue order first, then any pillar seen only on a requirement.</summary>
    public IReadOnlyList<(string Id, string Name)> Pillars => pillars;

    public JsonElement CatalogueEntry(string requirementId) =>
        catalogue.TryGetValue(requirementId, out var entry) ? entry : default;

    /// <summary>The catalogue's pillar, else the one the ID spells (IOT-SBD-01 → SBD), else "".</summary>
    public string PillarOf(string requirementId)
    {
        var fromCatalogue = CatalogueEntry(requirementId).Text("pillar");
        if (fromCatalogue.Length > 0)
            return fromCatalogue;
        var parts = requirementId.Split('-');
        return parts.Length == 3 && parts[0] == "IOT" ? parts[1] : "";
    }

    public string PillarName(string pillar) => pillars.FirstOrDefault(p => p.Id == pillar).Name ?? "";

    public JsonElement Scenario(string id) => scenarioIndex.TryGetValue(id, out var i) ? Scenarios[i] : default;

    public string ScenarioAnchor(string id) => scenarioIndex.TryGetValue(id, out var i) ? $"scenario-{i + 1}" : "";

    public string RequirementAnchor(string id) => requirementIndex.TryGetValue(id, out var i) ? $"requirement-{i + 1}" : "";

    public static bool IsRigCheck(JsonElement scenario) => scenario.Text("kind") == "rig-check";

    /// <summary>Pillars of the requirements a scenario verifies, in order, without repeats.</summary>
    public IReadOnlyList<string> PillarsOf(JsonElement scenario) =>
        [.. scenario.Items("requirements").Select(r => PillarOf(JsonRead.Scalar(r))).Where(p => p.Length > 0).Distinct()];

    /// <summary>Every evidence record of every attempt and step of a scenario.</summary>
    public static IEnumerable<JsonElement> EvidenceOf(JsonElement scenario) =>
        scenario.Items("attempts").SelectMany(a => a.Items("steps")).SelectMany(s => s.Items("evidence"));
}
