using System.Text.RegularExpressions;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// The serial console's received bytes as an append-only log addressed by offset. Scenarios keep a
/// cursor into it, so output printed while a step (power.on) was still running is never missed.
/// </summary>
public interface ISerialLog
{
    /// <summary>Bytes received so far; the next byte will have this offset.</summary>
    long Length { get; }

    /// <summary>When the byte at <paramref name="offset"/> arrived.</summary>
    DateTimeOffset TimeAt(long offset);

    /// <summary>The bytes in [from, to), as far as they are still held.</summary>
    ReadOnlyMemory<byte> Read(long from, long to);

    /// <summary>Completes when more than <paramref name="known"/> bytes have been received.</summary>
    Task WaitForMoreAsync(long known, CancellationToken ct);

    /// <summary>
    /// Waits until <paramref name="pattern"/> matches text received at or after <paramref name="from"/>
    /// (decoded leniently as UTF-8, lines limited in length), or until <paramref name="ct"/> is cancelled.
    /// The pattern must be built with a match timeout or RegexOptions.NonBacktracking.
    /// </summary>
    Task<SerialMatch> WaitForAsync(Regex pattern, long from, CancellationToken ct);
}

/// <summary>Where a pattern matched: byte offsets of the match, its text and the time its last byte arrived.</summary>
public sealed record SerialMatch(long Start, long End, string Text, DateTimeOffset At);
