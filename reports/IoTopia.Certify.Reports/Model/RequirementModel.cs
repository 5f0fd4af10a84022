using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>
/// One row of the requirement matrix: the catalogue entry (title, pillar, tier, cross-references by framework),
/// the scenarios that verified it with their verdicts, its verdict and reason, review, and every evidence file of
/// those scenarios' attempts.
/// </summary>
internal static class RequirementModel
{
    public static List<Row> All(ResultsIndex index, TextFormat f) => [.. index.Requirements.Select(r => Of(index, r, f))];

    public static Row Of(ResultsIndex index, JsonElement requirement, TextFormat f)
    {
        var id = requirement.Text("id");
        var entry = index.CatalogueEntry(id);
        var pillar = index.PillarOf(id);
        var verdict = requirement.Text("verdict");
        var scenarioIds = requirement.Items("scenarios").Select(JsonRead.Scalar).ToList();
        var review = requirement.Get("review");
        return new Row
        {
            ["id"] = f.Apply(id),
            ["anchor"] = index.RequirementAnchor(id),
            ["title"] = f.Apply(entry.Text("title")),
            ["statement"] = f.Apply(entry.Text("statement")),
            ["pillar"] = f.Apply(pillar),
            ["pillar_token"] = Tokens.Of(pillar),
            ["pillar_name"] = f.Apply(index.PillarName(pillar)),
            ["tier"] = f.Apply(entry.Text("tier")),
            ["verification"] = f.Apply(entry.Text("verification")),
            ["verdict"] = f.Apply(verdict),
            ["verdict_class"] = Verdicts.Token(verdict),
            ["mark"] = Verdicts.Mark(Verdicts.Token(verdict)),
            ["reason"] = f.Apply(requirement.Text("reason")),
            ["skip_reason"] = f.Apply(requirement.Text("skipReason")),
            ["has_review"] = review.ValueKind == JsonValueKind.Object,
            ["review_statement"] = f.Apply(review.Text("statement")),
            ["review_decision"] = f.Apply(review.Text("decision")),
            ["references"] = References(entry, f),
            ["scenarios"] = Scenarios(index, scenarioIds, f),
            ["evidence"] = EvidenceModel.OfAll(scenarioIds.SelectMany(s => ResultsIndex.EvidenceOf(index.Scenario(s))), f),
        };
    }

    private static List<Row> References(JsonElement entry, TextFormat f) =>
    [
        .. entry.Members("references").Select(r => new Row
        {
            ["framework"] = f.Apply(r.Name),
            ["ids"] = f.Apply(r.Value.ValueKind == JsonValueKind.Array
                ? string.Join(", ", r.Value.EnumerateArray().Select(JsonRead.Scalar))
                : JsonRead.Scalar(r.Value)),
        }),
    ];

    private static List<Row> Scenarios(ResultsIndex index, List<string> ids, TextFormat f) =>
    [
        .. ids.Select(id =>
        {
            var scenario = index.Scenario(id);
            var found = scenario.ValueKind == JsonValueKind.Object;
            var verdict = found ? scenario.Text("verdict") : "";
            return new Row
            {
                ["id"] = f.Apply(id),
                ["anchor"] = index.ScenarioAnchor(id),
                ["found"] = found,
                ["verdict"] = f.Apply(found ? verdict : "not in this run"),
                ["verdict_class"] = Verdicts.Token(verdict),
                ["skip_reason"] = f.Apply(scenario.Text("skipReason")),
            };
        }),
    ];
}
