using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Reports.Text;

/// <summary>
/// Makes invisible or dangerous characters visible as escapes that read the same in every font (the Control
/// Pictures block, ␛ ␀, is missing from common fonts and prints as empty boxes): C0 controls other than tab and
/// newline as <c>\x1B</c> (CR of CRLF is dropped), DEL and C1 controls as <c>\xNN</c>, and lone surrogates, the
/// non-characters U+FFFE/U+FFFF, the BOM and bidirectional overrides (which could reorder what a reader sees) as
/// <c>\uXXXX</c>. What is left is valid XML 1.0 text.
/// </summary>
internal static class ControlChars
{
    public static string Show(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }

            var replacement = Replacement(c, i + 1 < s.Length ? s[i + 1] : '\0');
            if (replacement is null)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(s.Length + 16).Append(s, 0, i);
            sb.Append(replacement);
        }

        return sb?.ToString() ?? s;
    }

    private static string? Replacement(char c, char next)
    {
        if (c is '\t' or '\n')
            return null;
        if (c == '\r')
            return next == '\n' ? "" : Hex(c);
        if (c < 0x20 || c is >= '\u007F' and <= '\u009F')
            return Hex(c);
        if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' or '\uFEFF' || IsBidiControl(c))
            return "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return null;
    }

    private static string Hex(char c) => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture);

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
