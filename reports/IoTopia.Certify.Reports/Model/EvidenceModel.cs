using System.Globalization;
using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>One evidence file: path, relative link (or none), SHA-256, size, kind and media type.</summary>
internal static class EvidenceModel
{
    public static Row Of(JsonElement evidence, TextFormat f)
    {
        var path = evidence.Text("path");
        var size = evidence.Long("size");
        return new Row
        {
            ["path"] = f.Apply(path),
            ["href"] = EvidenceHref.Of(path),
            ["sha256"] = f.Apply(evidence.Text("sha256"), 200),
            ["bytes"] = size is { } n ? n.ToString(CultureInfo.InvariantCulture) : f.Apply(evidence.Text("size"), 100),
            ["size_text"] = size is { } bytes ? SizeText(bytes) : "",
            ["kind"] = f.Apply(evidence.Text("kind"), 200),
            ["media_type"] = f.Apply(evidence.Text("mediaType"), 200),
        };
    }

    public static List<Row> OfAll(IEnumerable<JsonElement> evidence, TextFormat f) =>
        [.. evidence.DistinctBy(e => e.Text("path")).Select(e => Of(e, f))];

    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
