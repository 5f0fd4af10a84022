using System.Text.Json.Nodes;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Reads the journal of a run that may still be writing it: the line being written is left out.</summary>
public static class LiveJournal
{
    public static List<JsonObject> Events(string journal)
    {
        if (!File.Exists(journal))
            return [];
        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var events = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (JsonNode.Parse(line) is JsonObject e)
                    events.Add(e);
            }
            catch (System.Text.Json.JsonException)
            {
                // the line being written
            }
        }
        return events;
    }
}
