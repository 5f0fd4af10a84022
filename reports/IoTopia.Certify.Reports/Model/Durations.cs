using System.Globalization;
using System.Text.Json;
using IoTopia.Certify.Reports.Input;

namespace IoTopia.Certify.Reports.Model;

/// <summary>Elapsed time between two recorded timestamps, when both parse.</summary>
internal static class Durations
{
    public static double? Seconds(JsonElement e)
    {
        if (!DateTimeOffset.TryParse(e.Text("started"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            || !DateTimeOffset.TryParse(e.Text("ended"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ended)
            || ended < started)
            return null;
        return (ended - started).TotalSeconds;
    }

    public static string Text(double? seconds) => seconds switch
    {
        null => "",
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds.Value * 1000:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds.Value:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds.Value / 60:0.0} min"),
    };
}
