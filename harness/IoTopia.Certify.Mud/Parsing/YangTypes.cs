using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Checks and conversions for the RFC 6991 types MUD files use.</summary>
/// <remarks>
/// The patterns are generated at compile time (no regex is built when the program starts: start-up counts for
/// <c>certify mud check</c>); they have no nested quantifiers, their inputs are length-bounded, and a match
/// timeout bounds them anyway (CONTRACTS.md, device strings).
/// </remarks>
internal static partial class YangTypes
{
    private const int MatchTimeoutMilliseconds = 1000;

    private static Regex DateAndTimePattern => DateAndTimeRegex();

    private static Regex UriScheme => UriSchemeRegex();

    private static Regex MacAddressPattern => MacAddressRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+\-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex DateAndTimeRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex UriSchemeRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex MacAddressRegex();

    /// <summary>yang:date-and-time: RFC 3339 with a mandatory offset.</summary>
    public static DateTimeOffset? DateAndTime(string text)
    {
        if (text.Length > 64 || !DateAndTimePattern.IsMatch(text))
            return null;
        // DateTimeOffset takes at most 7 fraction digits; more are legal here and carry nothing we need.
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
    }

    public static bool IsUri(string text) =>
        text.Length <= 4096 && UriScheme.IsMatch(text) && System.Uri.TryCreate(text, UriKind.Absolute, out _);

    /// <summary>inet:host: an IP address or a domain name (letters, digits, '-', '_'; labels of 1..63; at most 253).</summary>
    public static bool IsHost(string text)
    {
        if (text.Contains(':'))
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        if (text == ".")
            return true;
        var name = text.EndsWith('.') ? text[..^1] : text;
        if (name.Length is 0 or > 253)
            return false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.EndsWith('-') || label.StartsWith('-'))
                return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>inet:ipv4-prefix / inet:ipv6-prefix; bits beyond the prefix length are cleared (RFC 6991 allows them).</summary>
    public static IPNetwork? Prefix(string text, int version)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash > 45)
            return null;
        var family = version == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!IPAddress.TryParse(text[..slash], out var address) || address.AddressFamily != family)
            return null;
        if (version == 4 && text[..slash].Count(c => c == '.') != 3)
            return null;
        var bits = version == 4 ? 32 : 128;
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > bits)
            return null;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPNetwork(new IPAddress(bytes), length);
    }

    /// <summary>yang:mac-address, normalised to lower case.</summary>
    public static string? MacAddress(string text) => MacAddressPattern.IsMatch(text) ? text.ToLowerInvariant() : null;
}
