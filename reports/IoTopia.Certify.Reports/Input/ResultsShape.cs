using System.Text.Json;

namespace IoTopia.Certify.Reports.Input;

/// <summary>
/// Checks the containers the reports walk (schemaVersion 1): a wrong type is a clear error naming the file and
/// the JSON path. Scalars are read leniently: a missing title renders as a dash, not as a failed report.
/// </summary>
internal static class ResultsShape
{
    public const int SupportedSchemaVersion = 1;

    public static void Check(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Bad(file, "$", $"the top level must be an object, not {Kind(root)}");

        var version = Member(root, "schemaVersion", JsonValueKind.Number, "$", file, required: true);
        if (!version.TryGetInt32(out var v) || v != SupportedSchemaVersion)
            throw Bad(file, "$.schemaVersion", $"schemaVersion {version.GetRawText()} is not supported (expected {SupportedSchemaVersion})");

        var run = Member(root, "run", JsonValueKind.Object, "$", file, required: true);
        Member(run, "harness", JsonValueKind.Object, "$.run", file);
        Member(run, "rig", JsonValueKind.Object, "$.run", file);
        Member(run, "dut", JsonValueKind.Object, "$.run", file);
        Member(run, "tools", JsonValueKind.Object, "$.run", file);
        Objects(run, "inputs", "$.run", file, _ => { });

        var catalogue = Member(root, "catalogue", JsonValueKind.Object, "$", file);
        if (catalogue.ValueKind == JsonValueKind.Object)
        {
            Member(catalogue, "pillars", JsonValueKind.Object, "$.catalogue", file);
            Objects(catalogue, "requirements", "$.catalogue", file, (r, at) => Member(r, "references", JsonValueKind.Object, at, file));
        }

        Objects(root, "scenarios", "$", file, (s, at) =>
            Objects(s, "attempts", at, file, (a, aAt) =>
                Objects(a, "steps", aAt, file, (step, sAt) =>
                {
                    Objects(step, "measurements", sAt, file, _ => { });
                    Objects(step, "evidence", sAt, file, _ => { });
                })), required: true);
        Objects(root, "requirements", "$", file, (r, at) => Member(r, "review", JsonValueKind.Object, at, file), required: true);
        Objects(root, "runEvidence", "$", file, _ => { });

        var summary = Member(root, "summary", JsonValueKind.Object, "$", file);
        if (summary.ValueKind == JsonValueKind.Object)
            Member(summary, "tier", JsonValueKind.Object, "$.summary", file);
    }

    private static JsonElement Member(JsonElement parent, string name, JsonValueKind kind, string at, string file, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                throw Bad(file, $"{at}.{name}", "is missing");
            return default;
        }

        if (value.ValueKind != kind)
            throw Bad(file, $"{at}.{name}", $"must be {Article(kind)}, not {Kind(value)}");
        return value;
    }

    private static void Objects(JsonElement parent, string name, string at, string file, Action<JsonElement, string> each, bool required = false)
    {
        var array = Member(parent, name, JsonValueKind.Array, at, file, required);
        if (array.ValueKind != JsonValueKind.Array)
            return;

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemAt = $"{at}.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw Bad(file, itemAt, $"must be an object, not {Kind(item)}");
            each(item, itemAt);
        }
    }

    private static void Objects(JsonElement parent, string name, string at, string file, Action<JsonElement> each) =>
        Objects(parent, name, at, file, (item, _) => each(item));

    private static ReportInputException Bad(string file, string at, string problem) =>
        new($"{file}: results.json {at} {problem}");

    private static string Kind(JsonElement e) => Article(e.ValueKind);

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
