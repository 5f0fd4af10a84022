using System.Globalization;
using System.Text;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// The run-long serial evidence under <c>evidence/_run/</c>, written as bytes arrive: the raw bytes,
/// an index (offset, length, arrival time per chunk; gaps), and a rendered text view.
/// </summary>
internal sealed class SerialEvidence : IDisposable
{
    private readonly EvidenceFile _raw;
    private readonly EvidenceFile _index;
    private readonly EvidenceFile _text;
    private readonly SerialTextRenderer _renderer = new(timestamps: true);
    private readonly Lock _lock = new();
    private bool _closed;

    public SerialEvidence(RunContext run, string name)
    {
        _raw = run.CreateRunEvidence(name, "raw", "serial-raw", "application/octet-stream");
        _index = run.CreateRunEvidence(name + "-index", "tsv", "serial-index", "text/tab-separated-values; charset=utf-8");
        _text = run.CreateRunEvidence(name, "log", "serial-log", "text/plain; charset=utf-8");
        Write(_index, "offset\tlength\treceived-utc\tevent\tdetail\n");
    }

    public string RawPath => _raw.RelativePath;

    public void Received(long offset, ReadOnlySpan<byte> bytes, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_closed)
                return;
            _raw.Write(bytes);
            Write(_index, $"{offset}\t{bytes.Length}\t{Stamp(at)}\tdata\t\n");
            Write(_text, _renderer.Render(bytes, at));
        }
    }

    /// <summary>Marks where the port was lost (<c>gap-start</c>) or came back (<c>gap-end</c>).</summary>
    public void Gap(string kind, long offset, DateTimeOffset at, string detail)
    {
        lock (_lock)
        {
            if (_closed)
                return;
            var clean = SerialTextRenderer.Visible(detail).Replace('\t', ' ');
            Write(_index, $"{offset}\t0\t{Stamp(at)}\t{kind}\t{clean}\n");
            Write(_text, _renderer.Marker($"{kind}: {clean}", at));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
                return;
            _closed = true;
            Write(_text, _renderer.Finish());
        }
        _raw.Dispose();
        _index.Dispose();
        _text.Dispose();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static void Write(EvidenceFile file, string text)
    {
        if (text.Length > 0)
            file.Write(Encoding.UTF8.GetBytes(text));
    }
}
