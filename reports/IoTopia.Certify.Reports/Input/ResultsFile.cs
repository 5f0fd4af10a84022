using System.Text;
using System.Text.Json;

namespace IoTopia.Certify.Reports.Input;

/// <summary>Loads results.json: any bytes (invalid UTF-8 and lone surrogate escapes are tolerated), checked for shape.</summary>
internal static class ResultsFile
{
    public const string FileName = "results.json";

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 256,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static async Task<ResultsDocument> LoadAsync(string runFolder, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(runFolder, FileName));
        if (!Directory.Exists(runFolder))
            throw new ReportInputException($"{path}: no such run folder '{runFolder}'");
        if (!File.Exists(path))
            throw new ReportInputException($"{path}: results.json not found; reports are rendered from a run folder's results.json");

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"{path}: cannot read results.json: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    public static ResultsDocument Parse(byte[] bytes, string path)
    {
        if (bytes.Length == 0)
            throw new ReportInputException($"{path}: results.json is empty");

        // Replacement decoding: invalid UTF-8 becomes U+FFFD instead of failing the whole report.
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes);
        text = LoneSurrogateRepair.Apply(text.TrimStart('\uFEFF'));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new ReportInputException($"{path}: results.json is not valid JSON{where}: {e.Message}", e);
        }

        try
        {
            ResultsShape.Check(document.RootElement, path);
            return new ResultsDocument(path, document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }
}
