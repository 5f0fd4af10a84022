using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>
/// A lab service's run-long evidence log: one JSON object a line, each written to the OS in one write
/// as it happens. Output is ASCII only (everything else, and HTML-sensitive characters, \u-escaped), so
/// device strings in it are inert. A device that floods the service cannot fill the disk: past
/// <see cref="MaxBytes"/> one closing line says so and further lines are only counted.
/// </summary>
public sealed class JsonLinesLog : IDisposable
{
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
        SkipValidation = false,
    };

    private readonly EvidenceFile _file;
    private readonly Lock _lock = new();
    private long _dropped;
    private bool _full;
    private bool _closed;

    public JsonLinesLog(EvidenceFile file, long maxBytes = DefaultMaxBytes)
    {
        _file = file;
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }
    public string FullPath => _file.FullPath;
    public string RelativePath => _file.RelativePath;

    /// <summary>Lines not written because the log reached its size limit.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
                return _dropped;
        }
    }

    /// <summary>Writes one line: <c>{"time": …, then what <paramref name="fields"/> writes}</c>.</summary>
    public void Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow);
            fields(writer);
            writer.WriteEndObject();
        }
        lock (_lock)
        {
            if (_closed)
                return;
            if (_full)
            {
                _dropped++;
                return;
            }
            if (_file.Length + buffer.WrittenCount + 1 > MaxBytes)
            {
                _full = true;
                _dropped++;
                WriteRaw(Closing("log-limit-reached"));
                return;
            }
            WriteRaw(buffer.WrittenSpan);
        }
    }

    /// <summary>A service's failure (a handler or socket error) as a line: <c>{"event":"error","error":"Type: message"}</c>.</summary>
    public void WriteError(Exception e) =>
        Write(w =>
        {
            w.WriteString("event", "error");
            w.WriteString("error", $"{e.GetType().Name}: {e.Message}");
        });

    private void WriteRaw(ReadOnlySpan<byte> line)
    {
        Span<byte> newline = [(byte)'\n'];
        var all = new byte[line.Length + 1];
        line.CopyTo(all);
        newline.CopyTo(all.AsSpan(line.Length));
        _file.Write(all);
    }

    private byte[] Closing(string what)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow);
            writer.WriteString("event", what);
            writer.WriteNumber("maxBytes", MaxBytes);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
                return;
            if (_dropped > 0)
                WriteRaw(Closing($"dropped {_dropped} lines past the limit"));
            _closed = true;
        }
        _file.Dispose();
    }
}
