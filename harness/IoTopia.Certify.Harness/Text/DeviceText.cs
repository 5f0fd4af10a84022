using System.Text;

namespace IoTopia.Certify.Harness.Text;

/// <summary>
/// Device-supplied text is hostile: decoded leniently, made valid UTF-16, and cut to a size a
/// record can hold. The full bytes always stay in the evidence file.
/// </summary>
public static class DeviceText
{
    public const int DefaultLimit = 4096;

    private static readonly Encoding LenientUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes, int limit = DefaultLimit)
    {
        var text = LenientUtf8.GetString(bytes.Length > limit * 4 ? bytes[..(limit * 4)] : bytes);
        var cut = Clip(text, limit);
        return bytes.Length > limit * 4 && cut.Length == text.Length
            ? cut + $"… [{bytes.Length} bytes in all]"
            : cut;
    }

    /// <summary>Replaces lone surrogates and clips to <paramref name="limit"/> characters.</summary>
    public static string Clip(string text, int limit = DefaultLimit)
    {
        var clean = ReplaceLoneSurrogates(text);
        if (clean.Length <= limit)
            return clean;
        var end = limit;
        if (char.IsHighSurrogate(clean[end - 1]))
            end--;
        return clean[..end] + $"… [{clean.Length - end} more characters, see evidence]";
    }

    public static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lone = char.IsHighSurrogate(c)
                ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
            if (lone)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>For a terminal: drops ANSI escape sequences and shows other control characters as \xNN.</summary>
    public static string ForTerminal(string text, int limit = 300)
    {
        var clipped = Clip(text, limit);
        if (!NeedsTerminalEscaping(clipped))
            return clipped;
        var sb = new StringBuilder(clipped.Length);
        for (var i = 0; i < clipped.Length; i++)
        {
            var c = clipped[i];
            if (c == '\u001b')
            {
                i = SkipEscape(clipped, i);
                continue;
            }
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
                sb.Append(c == '\n' ? "\\n" : $"\\x{(int)c:X2}");
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsTerminalEscaping(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
                return true;
        }
        return false;
    }

    private static int SkipEscape(string s, int i)
    {
        if (i + 1 >= s.Length)
            return i;
        if (s[i + 1] == '[')
        {
            var j = i + 2;
            while (j < s.Length && !(s[j] >= '@' && s[j] <= '~'))
                j++;
            return Math.Min(j, s.Length - 1);
        }
        if (s[i + 1] == ']')
        {
            var j = i + 2;
            while (j < s.Length && s[j] != '\u0007' && !(s[j] == '\u001b' && j + 1 < s.Length && s[j + 1] == '\\'))
                j++;
            return Math.Min(s.Length - 1, j < s.Length && s[j] == '\u001b' ? j + 1 : j);
        }
        return i + 1;
    }
}
