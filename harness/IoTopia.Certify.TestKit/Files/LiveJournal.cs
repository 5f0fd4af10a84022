using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.TestKit;

/// <summary>Reads the journal of a run that may still be writing it: a line being written (or torn) is left out.</summary>
public static class LiveJournal
{
    public static List<JsonObject> Events(string journal)
    {
        var events = new List<JsonObject>();
        if (!File.Exists(journal))
            return events;
        foreach (var line in SharedFile.ReadAllText(journal).Split('\n'))
        {
            try
            {
                if (line.Length > 0 && JsonNode.Parse(line) is JsonObject e)
                    events.Add(e);
            }
            catch (JsonException)
            {
                // the line being written
            }
        }
        return events;
    }

    /// <summary>The first event matching <paramref name="match"/>, or null.</summary>
    public static JsonObject? Find(string journal, Func<JsonObject, bool> match) => Events(journal).FirstOrDefault(match);
}
