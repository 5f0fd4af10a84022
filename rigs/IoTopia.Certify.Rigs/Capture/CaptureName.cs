using System.Text.RegularExpressions;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>A capture's name: it labels the pcap evidence file, so it is checked like a file name part.</summary>
public static partial class CaptureName
{
    public const string Default = "traffic";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();

    public static IEnumerable<string> Validate(string name)
    {
        if (!Pattern().IsMatch(name))
            yield return $"name: '{name}' must be 1–40 letters, digits, '-' or '_', starting with a letter or digit";
    }
}
