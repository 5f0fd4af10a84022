namespace IoTopia.Certify.Reports.Model;

/// <summary>
/// A relative link to an evidence file, or "" when the recorded path is not a plain path under <c>evidence/</c>
/// (a scheme such as <c>javascript:</c>, an absolute path, <c>..</c>, backslashes or control characters are never linked).
/// </summary>
internal static class EvidenceHref
{
    public static string Of(string path)
    {
        if (path.Length is 0 or > 1024 || !path.StartsWith("evidence/", StringComparison.Ordinal))
            return "";
        if (path.Any(c => c is '\\' or ':' || char.IsControl(c) || char.IsSurrogate(c)))
            return "";

        var segments = path.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".."))
            return "";
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
