using System.Text.Json;

namespace IoTopia.Certify.Reports.Input;

/// <summary>A parsed, shape-checked results.json.</summary>
internal sealed class ResultsDocument(string path, JsonDocument document) : IDisposable
{
    public string Path { get; } = path;

    public JsonElement Root => document.RootElement;

    public void Dispose() => document.Dispose();
}
