namespace IoTopia.Certify.Reports.Model;

/// <summary>The verdict names of results.json, worst first (CONTRACTS.md), and safe tokens for CSS classes and filters.</summary>
internal static class Verdicts
{
    public const string Unknown = "unknown";

    /// <summary>Worst first: fail &gt; error &gt; inconclusive &gt; pass &gt; skipped.</summary>
    public static readonly IReadOnlyList<string> Ordered = ["fail", "error", "inconclusive", "pass", "skipped"];

    /// <summary>The verdict if it is one of the five, else <c>unknown</c> (never device text in a class name).</summary>
    public static string Token(string? verdict) =>
        verdict is not null && Ordered.Contains(verdict, StringComparer.Ordinal) ? verdict : Unknown;

    /// <summary>0 for the worst; unknown verdicts sort first, as they need a look.</summary>
    public static int Rank(string? verdict)
    {
        var token = Token(verdict);
        return token == Unknown ? -1 : Ordered.ToList().IndexOf(token);
    }

    public static string Mark(string token) => token switch
    {
        "fail" => "✖",
        "error" => "⚠",
        "inconclusive" => "?",
        "pass" => "✔",
        "skipped" => "–",
        _ => "‼",
    };
}
