using System.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>Identifier-safe tokens for data attributes the filter splits on (pillar IDs).</summary>
internal static class Tokens
{
    public static string Of(string s)
    {
        if (s.Length == 0)
            return "none";
        var sb = new StringBuilder(Math.Min(s.Length, 64));
        foreach (var c in s.Take(64))
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.ToString();
    }
}
