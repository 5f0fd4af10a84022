using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>The whole view model of a run for one text format; every string from results.json already went through it.</summary>
internal static class ReportModel
{
    public static Row Of(JsonElement root, TextFormat f)
    {
        var index = new ResultsIndex(root);
        var requirements = RequirementModel.All(index, f);
        var scenarios = ScenarioModel.All(index, f);
        return new Row
        {
            ["run"] = RunModel.Of(index.Run, f),
            ["run_evidence"] = EvidenceModel.OfAll(root.Items("runEvidence"), f),
            ["tier"] = SummaryModel.Tier(root, f),
            ["verdicts"] = SummaryModel.Counts(index),
            ["verdict_options"] = SummaryModel.ColumnsFor(index).ToList(),
            ["pillars"] = SummaryModel.Pillars(index, f),
            ["has_rig_checks"] = index.Scenarios.Any(ResultsIndex.IsRigCheck),
            ["totals"] = new Row { ["scenarios"] = scenarios.Count, ["requirements"] = requirements.Count },
            ["requirements"] = requirements,
            ["scenarios"] = scenarios,
        };
    }
}
