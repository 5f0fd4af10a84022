using System.Text.Json;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>Reads a JSON-lines evidence file, also while its writer still has it open.</summary>
public static class JsonLines
{
    public static IReadOnlyList<JsonElement> Read(string path)
    {
        var lines = new List<JsonElement>();
        foreach (var line in SharedFile.ReadAllText(path).Split('\n'))
        {
            if (line.Length > 0)
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        return lines;
    }

    public static string? Text(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
