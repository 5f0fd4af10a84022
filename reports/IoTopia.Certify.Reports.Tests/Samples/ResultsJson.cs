using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>Writes results.json the way the harness does (indented, camelCase), plus escaped lone surrogates on request.</summary>
public static class ResultsJson
{
    /// <summary>Put this in any string; it is written as the JSON escape of a lone high surrogate (<c>\ud800</c>).</summary>
    public const string LoneSurrogateMarker = "__LONE_SURROGATE__";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string runFolder, JsonObject results)
    {
        var text = results.ToJsonString(Indented).Replace(LoneSurrogateMarker, "\\ud800", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(runFolder, "results.json"), text);
    }
}
