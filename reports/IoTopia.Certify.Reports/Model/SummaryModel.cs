using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>
/// Tier verdict (as results.json states it) and counts per verdict and per pillar, counted from the scenario and
/// requirement rows themselves so the summary can never disagree with the matrix below it.
/// </summary>
internal static class SummaryModel
{
    public static Row Tier(JsonElement root, TextFormat f)
    {
        var tier = root.Get("summary").Get("tier");
        var verdict = tier.Text("verdict");
        return new Row
        {
            ["target"] = f.Apply(tier.Has("target") ? tier.Text("target") : root.Get("run").Text("tier")),
            ["verdict"] = f.Apply(verdict.Length > 0 ? verdict : "(none)"),
            ["verdict_class"] = Verdicts.Token(verdict),
            ["mark"] = Verdicts.Mark(Verdicts.Token(verdict)),
            ["reason"] = f.Apply(tier.Text("reason")),
        };
    }

    /// <summary>One row per verdict (worst first, plus "unknown" when some verdict is not one of the five).</summary>
    public static List<Row> Counts(ResultsIndex index)
    {
        var scenarios = Tally(index.Scenarios);
        var requirements = Tally(index.Requirements);
        return
        [
            .. ColumnsFor(index).Select(v => new Row
            {
                ["verdict"] = v,
                ["mark"] = Verdicts.Mark(v),
                ["scenarios"] = scenarios.GetValueOrDefault(v),
                ["requirements"] = requirements.GetValueOrDefault(v),
            }),
        ];
    }

    public static List<Row> Pillars(ResultsIndex index, TextFormat f)
    {
        var columns = ColumnsFor(index);
        return
        [
            .. index.Pillars.Select(p =>
            {
                var rows = index.Requirements.Where(r => index.PillarOf(r.Text("id")) == p.Id).ToList();
                var tally = Tally(rows);
                return new Row
                {
                    ["id"] = f.Apply(p.Id),
                    ["token"] = Tokens.Of(p.Id),
                    ["name"] = f.Apply(p.Name),
                    ["total"] = rows.Count,
                    ["counts"] = columns.Select(v => new Row { ["verdict"] = v, ["count"] = tally.GetValueOrDefault(v) }).ToList(),
                };
            }),
        ];
    }

    public static IReadOnlyList<string> ColumnsFor(ResultsIndex index)
    {
        var anyUnknown = index.Scenarios.Concat(index.Requirements).Any(e => Verdicts.Token(e.Text("verdict")) == Verdicts.Unknown);
        return anyUnknown ? [.. Verdicts.Ordered, Verdicts.Unknown] : Verdicts.Ordered;
    }

    private static Dictionary<string, int> Tally(IEnumerable<JsonElement> items) =>
        items.GroupBy(e => Verdicts.Token(e.Text("verdict"))).ToDictionary(g => g.Key, g => g.Count());
}
