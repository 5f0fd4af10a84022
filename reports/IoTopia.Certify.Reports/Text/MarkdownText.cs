using System.Text;

namespace IoTopia.Certify.Reports.Text;

/// <summary>
/// Backslash-escapes Markdown (CommonMark and GitHub) syntax so a device string renders as the same text: no
/// emphasis, links, HTML, headings, table breaks, math, mentions or issue references. Line breaks become spaces so
/// the text stays inside its table cell. Control characters must have been made visible before.
/// List and heading markers (- + . #) only act at the start of a line, so only a leading one is escaped:
/// the raw file stays readable (IOT-SBD-01, 1.0.0).
/// </summary>
internal static class MarkdownText
{
    private const string Special = "\\`*_{}[]<>#!|~&$@:";
    private const string LineStart = "-+.()";

    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\t')
                sb.Append(' ');
            else if (Special.Contains(c, StringComparison.Ordinal) || (i == 0 && LineStart.Contains(c, StringComparison.Ordinal)))
                sb.Append('\\').Append(c);
            else
                sb.Append(c);
        }

        return sb.ToString();
    }
}
