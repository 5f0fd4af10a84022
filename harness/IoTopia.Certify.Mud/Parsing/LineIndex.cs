namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Maps byte offsets of a UTF-8 text to 1-based line and column (in characters).</summary>
internal sealed class LineIndex
{
    private readonly byte[] text;
    private readonly List<int> lineStarts = [0];

    // Tokens arrive in order: counting on from the last position keeps long (minified) lines linear.
    private int lastOffset;
    private int lastLine;
    private int lastColumn = 1;

    public LineIndex(byte[] text)
    {
        this.text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
                lineStarts.Add(i + 1);
        }
    }

    public (int Line, int Column) Locate(long offset)
    {
        var at = (int)Math.Clamp(offset, 0, text.Length);
        var index = lineStarts.BinarySearch(at);
        var line = index >= 0 ? index : ~index - 1;
        var (from, column) = line == lastLine && at >= lastOffset ? (lastOffset, lastColumn) : (lineStarts[line], 1);
        for (var i = from; i < at; i++)
        {
            if ((text[i] & 0xC0) != 0x80)
                column++;
        }
        (lastOffset, lastLine, lastColumn) = (at, line, column);
        return (line + 1, column);
    }

    /// <summary>For a reader error given as a 0-based line and byte position in that line.</summary>
    public (int Line, int Column) Locate(long line, long bytePositionInLine) =>
        line < 0 || line >= lineStarts.Count ? ((int)line + 1, (int)bytePositionInLine + 1) : Locate(lineStarts[(int)line] + bytePositionInLine);
}
