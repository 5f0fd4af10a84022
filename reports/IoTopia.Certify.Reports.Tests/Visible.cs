using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests;

/// <summary>
/// What the hostile payload must look like once shown, written out by hand (not computed by the renderer's own code):
/// controls as \xNN, the lone surrogate and the bidi override as \uXXXX, in every format.
/// </summary>
public static class Visible
{
    public static string Text(string s) => s
        .Replace("\u001b", "\\x1B", StringComparison.Ordinal)
        .Replace("\0", "\\x00", StringComparison.Ordinal)
        .Replace("\a", "\\x07", StringComparison.Ordinal)
        .Replace("\u202E", "\\u202E", StringComparison.Ordinal)
        .Replace(ResultsJson.LoneSurrogateMarker, "\\uD800", StringComparison.Ordinal);
}
