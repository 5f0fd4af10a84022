using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// One forward scan over serial bytes: decodes them leniently as UTF-8 into a bounded text window,
/// remembers each character's byte offset, clips long lines, and tells where the next regex scan must
/// start so a match is neither missed nor searched for twice.
/// </summary>
internal sealed class SerialScanner(long from, SerialScanLimits limits)
{
    /// <summary>Stands in for the clipped rest of an overlong line.</summary>
    public const char ClipMark = '\u2026';

    private char[] _chars = new char[1024];
    private long[] _starts = new long[1024];
    private byte[] _lengths = new byte[1024];
    private int _count;
    private int _lineStart;
    private int _lineChars;
    private bool _clipping;
    private int _rescanFrom;
    private int _lastScanLength;

    /// <summary>The offset of the next byte to decode.</summary>
    public long Position { get; private set; } = from;

    /// <summary>Text was added since the last <see cref="Scan"/>.</summary>
    public bool HasNewText { get; private set; }

    /// <summary>Jumps over bytes that can no longer be read (evicted from the window).</summary>
    public void SkipTo(long offset)
    {
        if (offset <= Position)
            return;
        Add(ClipMark, Position, 0);
        Position = offset;
    }

    /// <summary>Decodes bytes starting at <see cref="Position"/>; an incomplete character at the end waits for more bytes.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        Span<char> utf16 = stackalloc char[2];
        var i = 0;
        while (i < bytes.Length)
        {
            if (_clipping)
            {
                var newline = bytes[i..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    i = bytes.Length;
                    break;
                }
                i += newline;
                _clipping = false;
            }
            var status = Rune.DecodeFromUtf8(bytes[i..], out var rune, out var used);
            if (status == OperationStatus.NeedMoreData)
                break;
            var offset = Position + i;
            if (rune.Value == '\n')
            {
                Add('\n', offset, 1);
                _lineStart = _count;
                _lineChars = 0;
            }
            else if (_lineChars + rune.Utf16SequenceLength > limits.MaxLineChars)
            {
                Add(ClipMark, offset, 0);
                _clipping = true;
                continue;
            }
            else
            {
                var n = rune.EncodeToUtf16(utf16);
                for (var k = 0; k < n; k++)
                    Add(utf16[k], offset, (byte)used);
                _lineChars += n;
            }
            i += used;
        }
        Position += i;
    }

    /// <summary>Runs the pattern over the text not yet ruled out; null when it does not match there.</summary>
    public Match? Scan(Regex pattern)
    {
        HasNewText = false;
        var match = pattern.Match(new string(_chars, 0, _count), Math.Min(_rescanFrom, _count));
        _lastScanLength = _count;
        return match.Success ? match : null;
    }

    /// <summary>The match ends at the newest text, so more bytes could still extend it.</summary>
    public bool TouchesEnd(Match match) => match.Index + match.Length >= _lastScanLength && !_clipping;

    /// <summary>
    /// After a scan without a match: a later match must end in text still to come, so it starts in the
    /// current line or within the span limit. Text before that is dropped.
    /// </summary>
    public void MarkScanned()
    {
        _rescanFrom = Math.Max(0, Math.Min(_lineStart, _count - limits.MaxSpanChars));
        var keepFrom = _rescanFrom;
        // keep the start of the line, so (?m)^ still sees line starts
        var lineStart = Array.LastIndexOf(_chars, '\n', Math.Max(0, keepFrom - 1), Math.Min(keepFrom, limits.MaxSpanChars));
        if (lineStart >= 0)
            keepFrom = lineStart + 1;
        if (keepFrom == 0 || (keepFrom < 4096 && keepFrom < _count / 2))
            return;
        var left = _count - keepFrom;
        Array.Copy(_chars, keepFrom, _chars, 0, left);
        Array.Copy(_starts, keepFrom, _starts, 0, left);
        Array.Copy(_lengths, keepFrom, _lengths, 0, left);
        _count = left;
        _rescanFrom -= keepFrom;
        _lineStart = Math.Max(0, _lineStart - keepFrom);
    }

    public SerialMatch ToMatch(Match match, ISerialLog log)
    {
        long start, end;
        if (match.Length == 0)
        {
            start = end = match.Index < _count ? _starts[match.Index] : Position;
        }
        else
        {
            start = _starts[match.Index];
            var last = match.Index + match.Length - 1;
            end = _starts[last] + _lengths[last];
        }
        return new SerialMatch(start, end, match.Value, ArrivalOf(log, Math.Max(start, end - 1)));
    }

    private static DateTimeOffset ArrivalOf(ISerialLog log, long offset)
    {
        try
        {
            return log.TimeAt(offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.UtcNow; // an empty match at the newest byte, or a byte evicted meanwhile
        }
    }

    private void Add(char c, long offset, byte length)
    {
        if (_count == _chars.Length)
        {
            Array.Resize(ref _chars, _count * 2);
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
        }
        _chars[_count] = c;
        _starts[_count] = offset;
        _lengths[_count] = length;
        _count++;
        HasNewText = true;
    }
}
