using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>A measurement: value and unit against its inclusive limits (low/high) or an expected value.</summary>
internal static class MeasurementModel
{
    public static Row Of(JsonElement m, TextFormat f)
    {
        var verdict = m.Text("verdict");
        var low = m.Text("low");
        var high = m.Text("high");
        var expected = m.Text("expected");
        return new Row
        {
            ["name"] = f.Apply(m.Text("name")),
            ["value"] = f.Apply(m.Text("value")),
            ["unit"] = f.Apply(m.Text("unit")),
            ["low"] = f.Apply(low),
            ["high"] = f.Apply(high),
            ["expected"] = f.Apply(expected),
            ["limits"] = f.Apply(Limits(low, high, expected)),
            ["verdict"] = f.Apply(verdict),
            ["verdict_class"] = Verdicts.Token(verdict),
        };
    }

    private static string Limits(string low, string high, string expected) => (low.Length > 0, high.Length > 0) switch
    {
        (true, true) => $"{low} ≤ x ≤ {high}",
        (true, false) => $"x ≥ {low}",
        (false, true) => $"x ≤ {high}",
        _ => expected.Length > 0 ? $"= {expected}" : "",
    };
}
