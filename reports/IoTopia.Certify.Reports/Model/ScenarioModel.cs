using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>One scenario: verdict, reason, skip reason, the requirements it verifies and every attempt.</summary>
internal static class ScenarioModel
{
    public static List<Row> All(ResultsIndex index, TextFormat f) => [.. index.Scenarios.Select(s => Of(index, s, f))];

    public static Row Of(ResultsIndex index, JsonElement scenario, TextFormat f)
    {
        var id = scenario.Text("id");
        var verdict = scenario.Text("verdict");
        var requirementIds = scenario.Items("requirements").Select(JsonRead.Scalar).ToList();
        var attempts = scenario.Items("attempts").Select(a => AttemptModel.Of(a, f)).ToList();
        return new Row
        {
            ["id"] = f.Apply(id),
            ["anchor"] = index.ScenarioAnchor(id),
            ["title"] = f.Apply(scenario.Text("title")),
            ["kind"] = f.Apply(scenario.Text("kind")),
            ["requirements"] = requirementIds.Select(r => new Row { ["id"] = f.Apply(r), ["anchor"] = index.RequirementAnchor(r) }).ToList(),
            ["requirement_ids"] = f.Apply(string.Join(", ", requirementIds)),
            ["pillars"] = FilterPillars(index, scenario),
            ["verdict"] = f.Apply(verdict),
            ["verdict_class"] = Verdicts.Token(verdict),
            ["mark"] = Verdicts.Mark(Verdicts.Token(verdict)),
            ["reason"] = f.Apply(scenario.Text("reason")),
            ["skip_reason"] = f.Apply(scenario.Text("skipReason")),
            ["attempt_count"] = attempts.Count,
            ["attempts"] = attempts,
        };
    }

    /// <summary>Space-separated tokens the pillar filter matches: the pillars verified, and "rig-check" for rig checks.</summary>
    private static string FilterPillars(ResultsIndex index, JsonElement scenario)
    {
        var tokens = index.PillarsOf(scenario).Select(Tokens.Of).ToList();
        if (ResultsIndex.IsRigCheck(scenario))
            tokens.Add("rig-check");
        return tokens.Count == 0 ? "none" : string.Join(' ', tokens);
    }
}
