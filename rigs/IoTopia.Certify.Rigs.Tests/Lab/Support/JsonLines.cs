using System.Text.Json;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>Reads a JSON-lines evidence file, also while its writer still has it open.</summary>
public static class JsonLines
{
    public static IReadOnlyList<JsonElement> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        return lines;
    }

    public static string? Text(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
