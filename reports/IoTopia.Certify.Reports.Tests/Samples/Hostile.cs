namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>What a hostile device prints: markup, template syntax, escapes, controls, a lone surrogate, Markdown.</summary>
public static class Hostile
{
    public const string Script = "<script>alert('xss')</script>";
    public const string Img = "<img src=x onerror=alert(1)>";
    public const string AttributeBreak = "\"><svg onload=alert(2)> ' onmouseover='alert(3)";
    public const string LiquidOutput = "{{ 7*7 }}";
    public const string LiquidRaw = "{% raw %}{{ 8*8 }}{% endraw %}";
    public const string LiquidTag = "{% include 'secrets' %}";
    public const string Ansi = "\u001b[31mRED\u001b[0m";
    public const string Nul = "NUL:\0:";
    public const string Bell = "BEL:\a:";
    public const string Lone = "LONE:" + ResultsJson.LoneSurrogateMarker + ":";
    public const string MarkdownLink = "[click](javascript:alert(4)) @octocat #1 *bold* _em_ `code` | cell |";
    public const string Bidi = "\u202Eevil";
    public const string Closers = "</textarea></pre></td></tr></table></script><!--";

    /// <summary>All of the above in one string, joined by newlines.</summary>
    public static readonly string Payload = string.Join("\n", Script, Img, AttributeBreak, LiquidOutput, LiquidRaw, LiquidTag, Ansi, Nul, Bell, Lone, MarkdownLink, Bidi, Closers);

    /// <summary>One megabyte of device output.</summary>
    public static readonly string Huge = new string('A', 1_000_000) + "THE-END";

    public static string Mix(string s) => s + " " + Payload;
}
