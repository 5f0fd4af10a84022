using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// Turns serial bytes, chunk by chunk, into text for people: decoded leniently, CR LF as line ends,
/// every other control character (ANSI escapes, NUL, bidi overrides) shown as an escape, and lines
/// clipped at <see cref="MaxLineChars"/> (the raw evidence keeps every byte).
/// </summary>
public sealed class SerialTextRenderer(bool timestamps, int maxLineChars = SerialTextRenderer.DefaultMaxLineChars)
{
    public const int DefaultMaxLineChars = 16 * 1024;

    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: false).GetDecoder();
    private bool _lineStart = true;
    private bool _pendingCr;
    private int _lineChars;
    private long _clipped;

    public int MaxLineChars => maxLineChars;

    public string Render(ReadOnlySpan<byte> bytes, DateTimeOffset at)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        var sb = new StringBuilder(chars.Length + 64);
        foreach (var c in chars)
            Append(sb, c, at);
        return sb.ToString();
    }

    /// <summary>A line of the lab's own (a gap in the serial line), on a line of its own.</summary>
    public string Marker(string text, DateTimeOffset at)
    {
        var sb = new StringBuilder();
        EndLine(sb);
        if (timestamps)
            sb.Append(Stamp(at));
        sb.Append("--- ").Append(text).Append(" ---\n");
        return sb.ToString();
    }

    /// <summary>Ends the last line, if open.</summary>
    public string Finish()
    {
        var sb = new StringBuilder();
        EndLine(sb);
        return sb.ToString();
    }

    /// <summary>One string made safe for a single-line display: controls visible, nothing else changed.</summary>
    public static string Visible(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            AppendVisible(sb, c);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, char c, DateTimeOffset at)
    {
        if (_pendingCr)
        {
            _pendingCr = false;
            if (c == '\n')
            {
                if (_lineStart)
                    Start(sb, at); // a blank CR LF line is a line, as a blank LF one is
                EndLine(sb);
                return;
            }
            Put(sb, '\r', at);
        }
        switch (c)
        {
            case '\r':
                _pendingCr = true;
                return;
            case '\n':
                if (_lineStart)
                    Start(sb, at);
                EndLine(sb);
                return;
            default:
                Put(sb, c, at);
                return;
        }
    }

    private void Put(StringBuilder sb, char c, DateTimeOffset at)
    {
        if (_lineStart)
            Start(sb, at);
        if (_lineChars >= maxLineChars)
        {
            _clipped++;
            return;
        }
        var before = sb.Length;
        AppendVisible(sb, c);
        _lineChars += sb.Length - before;
    }

    private void Start(StringBuilder sb, DateTimeOffset at)
    {
        _lineStart = false;
        if (timestamps)
            sb.Append(Stamp(at));
    }

    private void EndLine(StringBuilder sb)
    {
        if (_pendingCr)
        {
            _pendingCr = false;
            Put(sb, '\r', DateTimeOffset.UtcNow);
        }
        if (_lineStart)
            return;
        if (_clipped > 0)
            sb.Append(CultureInfo.InvariantCulture, $"{SerialScanner.ClipMark}[{_clipped} more characters on this line]");
        sb.Append('\n');
        _lineStart = true;
        _lineChars = 0;
        _clipped = 0;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ ", CultureInfo.InvariantCulture);

    private static void AppendVisible(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '\t':
                sb.Append(c);
                break;
            case '\r':
                sb.Append("\\r");
                break;
            case '\n':
                sb.Append("\\n");
                break;
            case < ' ' or '\u007f' or (>= '\u0080' and <= '\u009f'):
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                break;
            case '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\ufeff':
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                break;
            default:
                sb.Append(c);
                break;
        }
    }
}
