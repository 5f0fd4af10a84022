using System.Text;
using System.Text.Json;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// The append-only journal: one event a line, written and flushed to the OS as it happens, so a
/// crash or kill -9 of the harness loses nothing already seen. The run's secrets are masked in every
/// string of every event before it is written (and before observers see it).
/// </summary>
public sealed class Journal : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _lock = new();
    private long _seq;

    private Journal(FileStream stream, long lastSeq, SecretMask? mask)
    {
        _stream = stream;
        _seq = lastSeq;
        Mask = mask ?? SecretMask.None;
    }

    public event Action<JournalEvent>? Appended;

    /// <summary>The run's secrets: masked in the journal, and by whoever else writes into the run folder.</summary>
    public SecretMask Mask { get; }

    public static Journal Create(string path, SecretMask? mask = null) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0), 0, mask);

    /// <summary>Opens an existing journal for appending; <paramref name="validLength"/> drops a torn last line.</summary>
    public static Journal Continue(string path, long validLength, long lastSeq, SecretMask? mask = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.SetLength(validLength);
        stream.Seek(0, SeekOrigin.End);
        return new Journal(stream, lastSeq, mask);
    }

    public T Append<T>(T e) where T : JournalEvent
    {
        JournalEvent written = e;
        lock (_lock)
        {
            e.Seq = ++_seq;
            e.Time = DateTimeOffset.UtcNow;
            var serialized = JsonSerializer.Serialize<JournalEvent>(e, Json.Compact);
            var line = Mask.MaskJson(serialized, Json.Compact);
            if (!ReferenceEquals(line, serialized))
                written = JsonSerializer.Deserialize<JournalEvent>(line, Json.Compact)!;
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            var before = _stream.Length;
            try
            {
                _stream.Write(bytes);
                _stream.Flush();
            }
            catch (IOException error)
            {
                // never leave half a line (a full disk writes part of it): cut back to the last whole event
                _seq--;
                TryCutBack(before);
                throw new RunFolderWriteException(_stream.Name, error);
            }
        }
        Appended?.Invoke(written);
        return e;
    }

    private void TryCutBack(long length)
    {
        try
        {
            _stream.SetLength(length);
            _stream.Seek(0, SeekOrigin.End);
        }
        catch (IOException)
        {
            // the reader drops a torn last line anyway (JournalReader); resume starts from the last whole event
        }
    }

    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // nothing is buffered (bufferSize 0): a failing close loses nothing already written
        }
    }
}
