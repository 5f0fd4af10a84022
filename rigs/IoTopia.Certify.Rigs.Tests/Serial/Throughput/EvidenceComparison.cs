using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// Locates where serial evidence departs from what was written: the first differing byte offset with
/// the traffic lines on both sides, and the first break in the lines' sequence numbers (a lost,
/// repeated or reordered line). Null means no problem.
/// </summary>
internal static class EvidenceComparison
{
    /// <summary>The first difference between <paramref name="expected"/> and <paramref name="actual"/>, described; null when equal.</summary>
    public static string? FirstDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        var common = expected.CommonPrefixLength(actual);
        if (common == expected.Length && common == actual.Length)
            return null;
        var where = $"evidence differs at byte offset {common} (expected {expected.Length} bytes, got {actual.Length})";
        return $"{where}: expected line {LineAround(expected, common)}, got line {LineAround(actual, common)}";
    }

    /// <summary>
    /// The first line whose sequence number is not its predecessor's plus one, and what happened there:
    /// lines missing, a line out of order (a skipped number comes right after), or repeated. Null when all follow.
    /// </summary>
    public static string? FirstSequenceBreak(ReadOnlySpan<byte> evidence) => SequenceBreaks(evidence).FirstOrDefault()?.Text;

    /// <summary>Every line whose sequence number does not follow its predecessor's.</summary>
    public static IReadOnlyList<SequenceBreak> SequenceBreaks(ReadOnlySpan<byte> evidence)
    {
        var lines = Lines(evidence);
        var breaks = new List<SequenceBreak>();
        if (lines.Count > 0 && lines[0].Sequence is null)
            breaks.Add(new SequenceBreak(0, 0, End(lines, 0, evidence.Length), "the first line has no sequence number"));
        for (var i = 1; i < lines.Count; i++)
        {
            var (offset, sequence) = lines[i];
            var previous = lines[i - 1].Sequence;
            if (previous is not null && sequence == previous + 1)
                continue;
            string text;
            if (sequence is null)
                text = $"line at evidence offset {offset} has no sequence number";
            else if (previous is null)
                continue; // after a line without a number, counting starts again
            else
            {
                var next = i + 1 < lines.Count ? lines[i + 1].Sequence : null;
                var what = sequence <= previous ? "repeated or out of order"
                    : next > previous && next < sequence ? "out of order"
                    : $"{sequence - previous - 1} line(s) missing";
                text = $"line {sequence} follows line {previous} at evidence offset {offset}: {what}";
            }
            breaks.Add(new SequenceBreak(lines[i - 1].Offset, offset, End(lines, i, evidence.Length), text));
        }
        return breaks;
    }

    private static long End(List<(long Offset, long? Sequence)> lines, int i, long length) => i + 1 < lines.Count ? lines[i + 1].Offset : length;

    /// <summary>Each line's start offset and sequence number (null when it has none; the last line may be cut short).</summary>
    private static List<(long Offset, long? Sequence)> Lines(ReadOnlySpan<byte> evidence)
    {
        var lines = new List<(long, long?)>();
        var start = 0;
        while (start < evidence.Length)
        {
            var end = evidence[start..].IndexOf("\r\n"u8);
            var line = end < 0 ? evidence[start..] : evidence[start..(start + end)];
            var sequence = SequenceOf(line);
            if (sequence is not null || end >= 0)
                lines.Add((start, sequence));
            if (end < 0)
                break;
            start += end + 2;
        }
        return lines;
    }

    private static long? SequenceOf(ReadOnlySpan<byte> line)
    {
        if (line.Length <= SerialTraffic.SequenceDigits || line[SerialTraffic.SequenceDigits] != (byte)' ')
            return null;
        return long.TryParse(line[..SerialTraffic.SequenceDigits], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string LineAround(ReadOnlySpan<byte> bytes, int offset)
    {
        if (offset >= bytes.Length)
            return "(end of data)";
        var start = bytes[..offset].LastIndexOf("\r\n"u8);
        start = start < 0 ? 0 : start + 2;
        var end = bytes[offset..].IndexOf("\r\n"u8);
        var line = end < 0 ? bytes[start..] : bytes[start..(offset + end)];
        var sequence = SequenceOf(line);
        return $"{(sequence is null ? "?" : sequence.Value.ToString(CultureInfo.InvariantCulture))} '{Shown(line)}'";
    }

    private static string Shown(ReadOnlySpan<byte> line) =>
        Encoding.ASCII.GetString(line[..Math.Min(line.Length, 60)]).ReplaceLineEndings("\\n");
}
