using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// The console's rendered text view against the raw evidence: one view line per CR LF line, its text
/// unchanged (the traffic is printable ASCII), stamped with the arrival time (to the millisecond) that
/// the index gives the line's first byte.
/// </summary>
internal static class RenderedViewCheck
{
    private const int StampLength = 24; // yyyy-MM-ddTHH:mm:ss.fffZ

    public static string? FirstProblem(string rendered, ReadOnlySpan<byte> raw, SerialIndexFile index)
    {
        var view = rendered.Split('\n');
        if (view[^1].Length != 0)
            return "the rendered view does not end with a line end";
        var lines = Encoding.ASCII.GetString(raw).Split("\r\n");
        if (lines[^1].Length == 0)
            lines = lines[..^1];
        if (view.Length - 1 != lines.Length)
            return $"the rendered view has {view.Length - 1} lines, the raw evidence {lines.Length}";
        long offset = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = view[i];
            if (line.Length < StampLength + 1 || line[StampLength] != ' ')
                return $"view line {i + 1} has no time stamp: '{Clip(line)}'";
            if (line[(StampLength + 1)..] != lines[i])
                return $"view line {i + 1} reads '{Clip(line[(StampLength + 1)..])}', the raw evidence at offset {offset} '{Clip(lines[i])}'";
            var stamp = index.TimeAt(offset).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            if (line[..StampLength] != stamp)
                return $"view line {i + 1} is stamped {line[..StampLength]}, but its first byte (offset {offset}) arrived at {stamp}";
            offset += lines[i].Length + 2;
        }
        return null;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
