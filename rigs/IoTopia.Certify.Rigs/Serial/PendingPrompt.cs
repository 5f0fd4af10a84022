using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// A prompt an earlier step of the attempt already moved the cursor past (a <c>ready</c> pattern that matches
/// the login prompt itself), while the DUT has printed nothing since: the DUT is still waiting at it, and a
/// wait from the cursor would never see it again.
/// </summary>
public static class PendingPrompt
{
    /// <summary>How far before the cursor the prompt may start.</summary>
    public const int LookBackBytes = 4096;

    private static readonly Encoding Lenient = new UTF8Encoding(false, throwOnInvalidBytes: false);

    /// <summary>
    /// The last match of <paramref name="prompt"/> before <paramref name="cursor"/> and after the attempt's start,
    /// when only white space follows it up to the newest byte; otherwise null.
    /// </summary>
    public static SerialMatch? Find(ISerialLog log, Regex prompt, long cursor, long? attemptStart)
    {
        SerialPatterns.EnsureSafe(prompt);
        if (attemptStart is not { } start || cursor <= start || !IsWhiteSpace(log.Read(cursor, log.Length).Span))
            return null;
        var from = Math.Max(start, cursor - LookBackBytes);
        var text = Lenient.GetString(log.Read(from, cursor).Span);
        var last = prompt.Matches(text).LastOrDefault();
        if (last is null || !string.IsNullOrWhiteSpace(text[(last.Index + last.Length)..]))
            return null;
        var matchStart = Math.Min(cursor, from + Lenient.GetByteCount(text[..last.Index]));
        var matchEnd = Math.Min(cursor, matchStart + Lenient.GetByteCount(last.Value));
        return new SerialMatch(matchStart, matchEnd, last.Value, ArrivalOf(log, Math.Max(matchStart, matchEnd - 1)));
    }

    private static DateTimeOffset ArrivalOf(ISerialLog log, long offset)
    {
        try
        {
            return log.TimeAt(offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.UtcNow; // evicted from the window meanwhile
        }
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        }
        return true;
    }
}
