using System.Globalization;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>The serial index evidence (<c>offset, length, received-utc, event, detail</c>) read back, with the arrival time of any offset.</summary>
internal sealed class SerialIndexFile
{
    private readonly long[] _offsets;

    private SerialIndexFile(IReadOnlyList<IndexedChunk> chunks, IReadOnlyList<string> events)
    {
        Chunks = chunks;
        Events = events;
        _offsets = [.. chunks.Select(c => c.Offset)];
    }

    public IReadOnlyList<IndexedChunk> Chunks { get; }

    /// <summary>Index lines other than data (gap-start, gap-end): there should be none on a steady line.</summary>
    public IReadOnlyList<string> Events { get; }

    public long Bytes => Chunks.Count == 0 ? 0 : Chunks[^1].Offset + Chunks[^1].Length;

    /// <summary>An index of the given chunks, as the console would have written it.</summary>
    public static SerialIndexFile Of(IReadOnlyList<IndexedChunk> chunks) => new(chunks, []);

    public static SerialIndexFile Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != "offset\tlength\treceived-utc\tevent\tdetail")
            throw new InvalidDataException($"{path}:1: not a serial index header");
        var chunks = new List<IndexedChunk>(lines.Length);
        var events = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            if (fields.Length != 5)
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} fields, 5 expected");
            if (fields[3] != "data")
            {
                events.Add(lines[i]);
                continue;
            }
            var chunk = new IndexedChunk(
                long.Parse(fields[0], CultureInfo.InvariantCulture),
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                DateTimeOffset.ParseExact(fields[2], "yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            var expected = chunks.Count == 0 ? 0 : chunks[^1].Offset + chunks[^1].Length;
            if (chunk.Offset != expected)
                throw new InvalidDataException($"{path}:{i + 1}: chunk at offset {chunk.Offset}, the previous one ended at {expected}");
            chunks.Add(chunk);
        }
        return new SerialIndexFile(chunks, events);
    }

    /// <summary>When the byte at <paramref name="offset"/> arrived, as the index records it.</summary>
    public DateTimeOffset TimeAt(long offset)
    {
        var index = Array.BinarySearch(_offsets, offset);
        if (index < 0)
            index = ~index - 1;
        if (index < 0 || offset >= Bytes)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the index covers [0, {Bytes})");
        return Chunks[index].ReceivedAt;
    }
}
