using System.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>A stretch of the serial log rendered for a step's evidence or its "observed" text.</summary>
public static class SerialWindow
{
    public const int DefaultEvidenceBytes = 1024 * 1024;
    public const int DefaultTailChars = 600;

    /// <summary>
    /// The bytes in [from, to) as text with control characters visible, one line per device line, behind a
    /// header naming the offsets; at most the last <paramref name="maxBytes"/> bytes.
    /// </summary>
    public static string Render(ISerialLog log, long from, long to, int maxBytes = DefaultEvidenceBytes, Func<string, string>? mask = null)
    {
        var start = Math.Max(from, to - maxBytes);
        var bytes = log.Read(start, to);
        var heldFrom = to - bytes.Length;
        var renderer = new SerialTextRenderer(timestamps: false);
        var body = renderer.Render(bytes.Span, DateTimeOffset.UtcNow) + renderer.Finish();
        var sb = new StringBuilder();
        sb.Append($"# serial bytes {from}..{to} ({to - from} bytes)");
        if (heldFrom > from)
            sb.Append($"; the first {heldFrom - from} are not shown here (see the run's raw serial evidence)");
        sb.Append('\n');
        sb.Append(mask is null ? body : mask(body));
        return sb.ToString();
    }

    /// <summary>The end of [from, to) as one clipped, visible string, for a step's "observed".</summary>
    public static string Tail(ISerialLog log, long from, long to, int maxChars = DefaultTailChars, Func<string, string>? mask = null)
    {
        if (to <= from)
            return "(no serial output)";
        var bytes = log.Read(Math.Max(from, to - maxChars * 4L), to);
        var renderer = new SerialTextRenderer(timestamps: false, maxLineChars: maxChars);
        var text = (renderer.Render(bytes.Span, DateTimeOffset.UtcNow) + renderer.Finish()).TrimEnd('\n');
        if (mask is not null)
            text = mask(text);
        return text.Length <= maxChars ? text : SerialScanner.ClipMark + text[^maxChars..];
    }
}
