using System.Text;
using System.Text.Json;

namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// The append-only journal: one event a line, written and flushed to the OS as it happens, so a
/// crash or kill -9 of the harness loses nothing already seen.
/// </summary>
public sealed class Journal : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _lock = new();
    private long _seq;

    private Journal(FileStream stream, long lastSeq)
    {
        _stream = stream;
        _seq = lastSeq;
    }

    public event Action<JournalEvent>? Appended;

    public static Journal Create(string path) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0), 0);

    /// <summary>Opens an existing journal for appending; <paramref name="validLength"/> drops a torn last line.</summary>
    public static Journal Continue(string path, long validLength, long lastSeq)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.SetLength(validLength);
        stream.Seek(0, SeekOrigin.End);
        return new Journal(stream, lastSeq);
    }

    public T Append<T>(T e) where T : JournalEvent
    {
        lock (_lock)
        {
            e.Seq = ++_seq;
            e.Time = DateTimeOffset.UtcNow;
            var line = JsonSerializer.Serialize<JournalEvent>(e, Json.Compact);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            _stream.Write(bytes);
            _stream.Flush();
        }
        Appended?.Invoke(e);
        return e;
    }

    public void Dispose() => _stream.Dispose();
}
