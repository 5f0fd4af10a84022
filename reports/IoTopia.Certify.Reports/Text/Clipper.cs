using System.Globalization;

namespace IoTopia.Certify.Reports.Text;

/// <summary>Cuts very long device strings, never inside a surrogate pair, and says how much was left out.</summary>
internal static class Clipper
{
    public static string Clip(string s, int max, string seeWhere)
    {
        if (s.Length <= max)
            return s;

        var cut = max;
        if (cut > 0 && char.IsHighSurrogate(s[cut - 1]))
            cut--;
        var more = (s.Length - cut).ToString("N0", CultureInfo.InvariantCulture);
        return $"{s[..cut]}… {more} more characters, see {seeWhere}";
    }
}
