using System.Globalization;
using System.Text.RegularExpressions;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// Durations as written in suites, rigs and statements: <c>500ms</c>, <c>2s</c>, <c>1.5m</c>, <c>1h</c>, or bare
/// seconds; at most <see cref="Max"/>. The bound is checked when the file is loaded, so lint and <c>--plan</c>
/// refuse what a run could not wait for (a deadline past it would throw when armed).
/// </summary>
public static partial class Duration
{
    /// <summary>The longest duration accepted anywhere: 7 days (168h).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Expected = "a duration such as 500ms, 30s, 5m, 2h (at most 168h)";

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|min|h)?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();

    /// <summary>False when the text is not a duration or lies beyond <see cref="Max"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var m = Pattern().Match(text);
        if (!m.Success)
            return false;
        // Digits only: double.Parse cannot fail, and a number too long for a double is +∞, refused below.
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var milliseconds = n * m.Groups["u"].Value switch
        {
            "ms" => 1,
            "m" or "min" => 60_000,
            "h" => 3_600_000,
            _ => 1000,
        };
        if (!(milliseconds <= Max.TotalMilliseconds))
            return false;
        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    public static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds:0}ms"
        : t.TotalSeconds < 120 ? $"{t.TotalSeconds:0.###}s"
        : $"{t.TotalMinutes:0.##}m";
}
