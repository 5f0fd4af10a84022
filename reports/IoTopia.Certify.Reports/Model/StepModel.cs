using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>One step: phase, verdict, reason, expected/observed, measurements, details (as JSON text) and evidence.</summary>
internal static class StepModel
{
    private const int DetailsMax = 4000;

    public static Row Of(JsonElement step, TextFormat f)
    {
        var verdict = step.Text("verdict");
        return new Row
        {
            ["seq"] = f.Apply(step.Text("seq")),
            ["name"] = f.Apply(step.Text("name")),
            ["phase"] = f.Apply(step.Text("phase")),
            ["verdict"] = f.Apply(verdict),
            ["verdict_class"] = Verdicts.Token(verdict),
            ["reason"] = f.Apply(step.Text("reason")),
            ["expected"] = f.Apply(step.Text("expected")),
            ["observed"] = f.Apply(step.Text("observed")),
            ["duration"] = Durations.Text(Durations.Seconds(step)),
            ["measurements"] = step.Items("measurements").Select(m => MeasurementModel.Of(m, f)).ToList(),
            ["details"] = f.Apply(step.PrettyJson("details"), DetailsMax),
            ["evidence"] = EvidenceModel.OfAll(step.Items("evidence"), f),
        };
    }
}
