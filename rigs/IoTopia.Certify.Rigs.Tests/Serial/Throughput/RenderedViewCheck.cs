using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// The console's rendered text view against the raw evidence, by the renderer's rules for printable
/// ASCII: CR LF or a lone LF ends a line, a lone CR shows as <c>\r</c>, every line is stamped with the
/// arrival time (to the millisecond) of its first byte (of the byte after a leading CR, which waits to see
/// whether an LF follows). Where loss cut the traffic, the raw evidence can hold such lone line ends.
/// </summary>
internal static class RenderedViewCheck
{
    private const int StampLength = 24; // yyyy-MM-ddTHH:mm:ss.fffZ

    public static string? FirstProblem(string rendered, ReadOnlySpan<byte> raw, SerialIndexFile index)
    {
        var view = rendered.Split('\n');
        if (view[^1].Length != 0)
            return "the rendered view does not end with a line end";
        var lines = ExpectedLines(raw);
        if (view.Length - 1 != lines.Count)
            return $"the rendered view has {view.Length - 1} lines, the raw evidence {lines.Count}";
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, text) = lines[i];
            var line = view[i];
            if (line.Length < StampLength + 1 || line[StampLength] != ' ')
                return $"view line {i + 1} has no time stamp: '{Clip(line)}'";
            if (line[(StampLength + 1)..] != text)
                return $"view line {i + 1} reads '{Clip(line[(StampLength + 1)..])}', the raw evidence at offset {start} '{Clip(text)}'";
            var stamped = raw[(int)start] == (byte)'\r' ? start + 1 : start;
            var stamp = index.TimeAt(stamped).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            if (line[..StampLength] != stamp)
                return $"view line {i + 1} is stamped {line[..StampLength]}, but its first byte (offset {stamped}) arrived at {stamp}";
        }
        return null;
    }

    /// <summary>Each line's first offset and its text as the view shows it.</summary>
    private static List<(long Start, string Text)> ExpectedLines(ReadOnlySpan<byte> raw)
    {
        var lines = new List<(long, string)>();
        var text = new StringBuilder();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            var crlf = b == (byte)'\r' && i + 1 < raw.Length && raw[i + 1] == (byte)'\n';
            if (crlf || b == (byte)'\n')
            {
                lines.Add((start, text.ToString()));
                text.Clear();
                i += crlf ? 1 : 0;
                start = i + 1;
            }
            else
            {
                text.Append(b == (byte)'\r' ? "\\r" : ((char)b).ToString());
            }
        }
        if (start < raw.Length)
            lines.Add((start, text.ToString()));
        return lines;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
