namespace IoTopia.Certify.Reports.Text;

/// <summary>How one report format prepares any string taken from results.json: clip, make controls visible, escape.</summary>
internal sealed class TextFormat(int maxLength, string seeWhere, Func<string, string> finish)
{
    public const int DefaultMax = 2000;

    /// <summary>HTML: Fluid's HtmlEncoder does the escaping.</summary>
    public static readonly TextFormat Html = new(DefaultMax, "evidence", ControlChars.Show);

    /// <summary>Markdown: short table cells, Markdown syntax backslash-escaped.</summary>
    public static readonly TextFormat Markdown = new(300, "report.html", s => MarkdownText.Escape(ControlChars.Show(s)));

    /// <summary>XML: XmlWriter escapes markup; characters XML 1.0 forbids were made visible.</summary>
    public static readonly TextFormat Xml = new(DefaultMax, "report.html", ControlChars.Show);

    public int MaxLength { get; } = maxLength;

    public string Apply(string? s) => Apply(s, MaxLength);

    public string Apply(string? s, int max) => string.IsNullOrEmpty(s) ? "" : finish(Clipper.Clip(s, max, seeWhere));
}
