using System.Text.Json.Nodes;

namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>Builders for the objects of results.json (schemaVersion 1), named as CONTRACTS.md names them.</summary>
public static class Shapes
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    public static string At(int seconds) => T0.AddSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Measure(string name, JsonNode value, string verdict, string unit = "", double? low = null, double? high = null, string? expected = null)
    {
        var m = new JsonObject { ["name"] = name, ["value"] = value, ["unit"] = unit };
        if (low is not null)
            m["low"] = low;
        if (high is not null)
            m["high"] = high;
        if (expected is not null)
            m["expected"] = expected;
        m["verdict"] = verdict;
        return m;
    }

    public static JsonObject Step(
        int seq, string name, string verdict, string reason, int at,
        string? expected = null, string? observed = null, string phase = "steps",
        JsonObject[]? measurements = null, JsonObject? details = null, JsonObject[]? evidence = null)
    {
        var step = new JsonObject
        {
            ["seq"] = seq,
            ["name"] = name,
            ["phase"] = phase,
            ["verdict"] = verdict,
            ["reason"] = reason,
        };
        if (expected is not null)
            step["expected"] = expected;
        if (observed is not null)
            step["observed"] = observed;
        step["measurements"] = new JsonArray([.. measurements ?? []]);
        step["details"] = details ?? new JsonObject();
        step["evidence"] = new JsonArray([.. evidence ?? []]);
        step["started"] = At(at);
        step["ended"] = At(at + 2);
        return step;
    }

    public static JsonObject Attempt(int n, string verdict, string reason, int at, bool interrupted, params JsonObject[] steps)
    {
        var attempt = new JsonObject
        {
            ["n"] = n,
            ["verdict"] = verdict,
            ["reason"] = reason,
            ["started"] = At(at),
        };
        if (!interrupted)
            attempt["ended"] = At(at + 2 + (2 * steps.Length));
        attempt["interrupted"] = interrupted;
        attempt["steps"] = new JsonArray([.. steps]);
        return attempt;
    }

    public static JsonObject Scenario(string id, string title, string kind, string[] requirements, string verdict, string reason, string? skipReason, params JsonObject[] attempts)
    {
        var scenario = new JsonObject
        {
            ["id"] = id,
            ["title"] = title,
            ["kind"] = kind,
            ["requirements"] = new JsonArray([.. requirements.Select(r => JsonValue.Create(r))]),
            ["verdict"] = verdict,
            ["reason"] = reason,
        };
        if (skipReason is not null)
            scenario["skipReason"] = skipReason;
        scenario["attempts"] = new JsonArray([.. attempts]);
        return scenario;
    }

    public static JsonObject Requirement(string id, string verdict, string reason, string? skipReason, string[] scenarios, JsonObject? review = null)
    {
        var requirement = new JsonObject { ["id"] = id, ["verdict"] = verdict, ["reason"] = reason };
        if (skipReason is not null)
            requirement["skipReason"] = skipReason;
        requirement["scenarios"] = new JsonArray([.. scenarios.Select(s => JsonValue.Create(s))]);
        if (review is not null)
            requirement["review"] = review;
        return requirement;
    }
}
