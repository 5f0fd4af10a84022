using System.Text;
using System.Text.Json;

namespace IoTopia.Certify.Harness.Records;

/// <summary>Reads a journal back. A torn last line (the process died mid-write) is tolerated and reported.</summary>
public static class JournalReader
{
    public sealed record Contents(IReadOnlyList<JournalEvent> Events, long ValidLength, long TornBytes);

    public const long MaxJournalBytes = 1L << 30;

    public static Contents Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = Files.UntrustedFile.ReadAllBytes(path, MaxJournalBytes);
        }
        catch (Files.UntrustedFileException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        var events = new List<JournalEvent>();
        long offset = 0;
        var lineNumber = 0;
        while (offset < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', (int)offset);
            lineNumber++;
            if (end < 0)
                return new Contents(events, offset, bytes.Length - offset); // torn: no newline yet
            var line = Encoding.UTF8.GetString(bytes, (int)offset, (int)(end - offset));
            try
            {
                events.Add(JsonSerializer.Deserialize<JournalEvent>(line, Json.Compact)
                           ?? throw new JsonException("null event"));
            }
            catch (JsonException e)
            {
                if (end + 1 >= bytes.Length)
                    return new Contents(events, offset, bytes.Length - offset);
                throw new InvalidDataException($"{path}:{lineNumber}: not a journal event ({e.Message})");
            }
            offset = end + 1;
        }
        return new Contents(events, offset, 0);
    }
}
