using System.Text.Json.Nodes;

namespace IoTopia.Certify.Harness.Records;

/// <summary>results.json's <c>run.rig.options</c>: the options a run gave its rig kind, then what the kind chose when it started.</summary>
public static class RigOptions
{
    public static JsonObject? Given(IReadOnlyDictionary<string, string> options)
    {
        if (options.Count == 0)
            return null;
        var given = new JsonObject();
        foreach (var (name, value) in options.OrderBy(o => o.Key, StringComparer.Ordinal))
            given[name] = value;
        return given;
    }

    /// <summary>The given options overlaid by the chosen ones (a kind records the value it actually used).</summary>
    public static JsonObject? Merge(JsonObject? given, JsonObject? chosen)
    {
        if (given is null && chosen is null)
            return null;
        var merged = (JsonObject?)given?.DeepClone() ?? [];
        foreach (var (name, value) in chosen ?? [])
            merged[name] = value?.DeepClone();
        return merged;
    }
}
