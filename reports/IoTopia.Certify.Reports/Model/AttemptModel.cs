using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>One attempt of a scenario (every attempt is reported, retries included) with its steps.</summary>
internal static class AttemptModel
{
    public static Row Of(JsonElement attempt, TextFormat f)
    {
        var verdict = attempt.Text("verdict");
        return new Row
        {
            ["n"] = f.Apply(attempt.Text("n")),
            ["verdict"] = f.Apply(verdict),
            ["verdict_class"] = Verdicts.Token(verdict),
            ["reason"] = f.Apply(attempt.Text("reason")),
            ["started"] = f.Apply(attempt.Text("started")),
            ["ended"] = f.Apply(attempt.Text("ended")),
            ["duration"] = Durations.Text(Durations.Seconds(attempt)),
            ["interrupted"] = attempt.Flag("interrupted"),
            ["steps"] = attempt.Items("steps").Select(s => StepModel.Of(s, f)).ToList(),
        };
    }
}
