using System.Globalization;
using System.Text.RegularExpressions;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>Durations as written in suites and rigs: <c>500ms</c>, <c>2s</c>, <c>1.5m</c>, <c>1h</c>, or bare seconds.</summary>
public static partial class Duration
{
    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|min|h)?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var m = Pattern().Match(text);
        if (!m.Success)
            return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        value = m.Groups["u"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" or "min" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return true;
    }

    public static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds:0}ms"
        : t.TotalSeconds < 120 ? $"{t.TotalSeconds:0.###}s"
        : $"{t.TotalMinutes:0.##}m";
}
