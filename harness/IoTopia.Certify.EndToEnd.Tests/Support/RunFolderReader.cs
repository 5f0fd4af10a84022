using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>Reads a run folder the way a user's tool would: from results.json and journal.jsonl, as JSON.</summary>
public sealed class RunFolderReader
{
    public RunFolderReader(string root)
    {
        Root = root;
        var results = Path.Combine(root, "results.json");
        Assert.That(File.Exists(results), Is.True, $"{results} is missing");
        ResultsSchema.AssertValid(results);
        Results = JsonNode.Parse(File.ReadAllText(results))!.AsObject();
    }

    public string Root { get; }
    public JsonObject Results { get; }

    public JsonObject Scenario(string id) =>
        Results["scenarios"]!.AsArray().Select(s => s!.AsObject()).SingleOrDefault(s => (string?)s["id"] == id)
        ?? throw new AssertionException($"no scenario {id} in results.json");

    public JsonObject Requirement(string id) =>
        Results["requirements"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["id"] == id);

    public string Verdict(string scenario) => (string)Scenario(scenario)["verdict"]!;

    public string Reason(string scenario) => (string)Scenario(scenario)["reason"]!;

    public JsonArray Attempts(string scenario) => Scenario(scenario)["attempts"]!.AsArray();

    public IReadOnlyList<JsonObject> JournalEvents() =>
        File.ReadAllLines(Path.Combine(Root, "journal.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    public static string Single(string runsParent) =>
        Directory.GetDirectories(runsParent).Single();

}
