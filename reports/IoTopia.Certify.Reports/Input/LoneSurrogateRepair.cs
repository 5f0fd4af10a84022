using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Reports.Input;

/// <summary>
/// System.Text.Json refuses to read a string holding an escaped lone surrogate (<c>"\ud800"</c>) at all.
/// Rewrites each such escape inside string literals into the visible text <c>\uD800</c> (an escaped backslash),
/// leaving valid surrogate pairs and everything else as it was. Lines are not moved, so parse errors keep their line.
/// </summary>
internal static class LoneSurrogateRepair
{
    public static string Apply(string json)
    {
        if (!json.Contains("\\u", StringComparison.OrdinalIgnoreCase))
            return json;

        StringBuilder? sb = null;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (!inString)
            {
                inString = c == '"';
                sb?.Append(c);
                continue;
            }

            if (c == '"')
            {
                inString = false;
                sb?.Append(c);
                continue;
            }

            if (c != '\\' || i + 1 >= json.Length)
            {
                sb?.Append(c);
                continue;
            }

            if (json[i + 1] != 'u' || !TryHex(json, i + 2, out var unit))
            {
                sb?.Append(c).Append(json[i + 1]);
                i++;
                continue;
            }

            var length = 6;
            var lone = false;
            if (char.IsHighSurrogate(unit))
            {
                if (i + 12 <= json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' && TryHex(json, i + 8, out var low) && char.IsLowSurrogate(low))
                    length = 12;
                else
                    lone = true;
            }
            else if (char.IsLowSurrogate(unit))
            {
                lone = true;
            }

            if (lone)
            {
                sb ??= new StringBuilder(json.Length + 16).Append(json, 0, i);
                sb.Append("\\\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(json, i, length);
            }

            i += length - 1;
        }

        return sb?.ToString() ?? json;
    }

    private static bool TryHex(string s, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > s.Length)
            return false;
        if (!ushort.TryParse(s.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            return false;
        unit = (char)value;
        return true;
    }
}
