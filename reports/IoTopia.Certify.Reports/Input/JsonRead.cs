using System.Text.Encodings.Web;
using System.Text.Json;

namespace IoTopia.Certify.Reports.Input;

/// <summary>Lenient readers over a shape-checked results.json: missing means empty, scalars read as their text.</summary>
internal static class JsonRead
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // output is encoded again by each report format
    };

    public static JsonElement Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : default;

    public static bool Has(this JsonElement e, string name) => e.Get(name).ValueKind != JsonValueKind.Undefined;

    /// <summary>The text of a scalar member: strings as they are, numbers as written, booleans as true/false; "" when missing.</summary>
    public static string Text(this JsonElement e, string name) => Scalar(e.Get(name));

    public static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object or JsonValueKind.Array => v.GetRawText(),
        _ => "",
    };

    public static bool Flag(this JsonElement e, string name) => e.Get(name).ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
    }

    public static IEnumerable<JsonProperty> Members(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind == JsonValueKind.Object ? v.EnumerateObject() : [];
    }

    /// <summary>An object or array as indented JSON text ("" when missing or empty).</summary>
    public static string PrettyJson(this JsonElement e, string name)
    {
        var v = e.Get(name);
        if (v.ValueKind == JsonValueKind.Undefined
            || (v.ValueKind == JsonValueKind.Object && !v.EnumerateObject().Any())
            || (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0))
            return "";
        return JsonSerializer.Serialize(v, Pretty);
    }

    public static long? Long(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;
}
