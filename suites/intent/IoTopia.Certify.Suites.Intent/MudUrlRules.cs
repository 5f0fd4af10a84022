using System.Text;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>What RFC 8520 asks of an emitted MUD URL: an absolute https URL of printable ASCII, and as a DHCP or LLDP option at most 255 octets.</summary>
public static class MudUrlRules
{
    public const int MaxOptionOctets = 255;

    /// <summary>The URL of a MUDstring (<c>mudurl [" " reserved]</c>), unprintable bytes shown as '?' (and <paramref name="unprintable"/> set).</summary>
    public static string FromMudString(ReadOnlySpan<byte> mudString, out bool unprintable)
    {
        var space = mudString.IndexOf((byte)' ');
        var url = space >= 0 ? mudString[..space] : mudString;
        var text = new StringBuilder(Math.Min(url.Length, 1024));
        unprintable = false;
        foreach (var b in url[..Math.Min(url.Length, 1024)])
        {
            var printable = b is >= 0x21 and < 0x7F;
            unprintable |= !printable;
            text.Append(printable ? (char)b : '?');
        }
        return text.ToString();
    }

    /// <param name="url">the URL as text</param>
    /// <param name="optionOctets">the option's length (DHCP, LLDP), or null for the certificate extension</param>
    /// <param name="unprintable">the URL held bytes that are not printable ASCII</param>
    public static IReadOnlyList<string> Check(string url, int? optionOctets, bool unprintable = false)
    {
        var problems = new List<string>();
        if (optionOctets == 0 || url.Length == 0)
            problems.Add("the MUD URL is empty");
        if (optionOctets > MaxOptionOctets)
            problems.Add($"the option carries {optionOctets} octets; RFC 8520 allows at most {MaxOptionOctets}");
        if (unprintable || url.Any(c => c is < '\x21' or > '\x7e'))
            problems.Add("the MUD URL holds characters that are not printable ASCII");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            problems.Add("not an absolute URL");
        else if (uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"the URL uses {uri.Scheme}, not https (RFC 8520: MUD URLs MUST use https)");
        return problems;
    }
}
