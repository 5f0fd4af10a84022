using System.Text.RegularExpressions;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// The serial console's received bytes: a window of the most recent bytes in memory (all of them stay
/// in the raw evidence file), the arrival time of every chunk, and waits that scan forward from a cursor.
/// </summary>
public sealed class SerialLog : ISerialLog
{
    public const int DefaultWindowBytes = 16 * 1024 * 1024;

    /// <summary>Bytes decoded per scan step, so a large backlog is scanned in bounded pieces.</summary>
    private const int FeedBytes = 64 * 1024;

    /// <summary>A match that ends at the newest byte may still grow (a capture cut mid-word): wait this long for more, a few times.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(20);
    private const int MaxSettles = 3;

    private readonly byte[] _ring;
    private readonly SerialTimeIndex _times = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _grew = NewSignal();
    private long _length;

    /// <param name="windowBytes">how many of the most recent bytes are held in memory</param>
    /// <param name="scanLimits">line and span limits of <see cref="WaitForAsync"/></param>
    public SerialLog(int windowBytes = DefaultWindowBytes, SerialScanLimits? scanLimits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBytes, 1024);
        _ring = new byte[windowBytes];
        Limits = scanLimits ?? new SerialScanLimits();
    }

    public SerialScanLimits Limits { get; }

    public long Length
    {
        get
        {
            lock (_lock)
                return _length;
        }
    }

    /// <summary>The oldest offset still held in memory.</summary>
    public long WindowStart
    {
        get
        {
            lock (_lock)
                return Math.Max(0, _length - _ring.Length);
        }
    }

    /// <summary>Appends received bytes; returns the offset of the first one.</summary>
    public long Append(ReadOnlySpan<byte> bytes, DateTimeOffset at)
    {
        TaskCompletionSource grew;
        long offset;
        lock (_lock)
        {
            offset = _length;
            if (bytes.IsEmpty)
                return offset;
            var kept = bytes.Length > _ring.Length ? bytes[^_ring.Length..] : bytes;
            var position = (int)((offset + bytes.Length - kept.Length) % _ring.Length);
            var first = Math.Min(kept.Length, _ring.Length - position);
            kept[..first].CopyTo(_ring.AsSpan(position));
            kept[first..].CopyTo(_ring);
            _length += bytes.Length;
            _times.Add(offset, at);
            _times.Forget(Math.Max(0, _length - _ring.Length));
            grew = _grew;
            _grew = NewSignal();
        }
        grew.TrySetResult();
        return offset;
    }

    public DateTimeOffset TimeAt(long offset)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= _length)
                throw new ArgumentOutOfRangeException(nameof(offset), offset, $"only {_length} bytes were received");
            return _times.TimeAt(offset);
        }
    }

    public ReadOnlyMemory<byte> Read(long from, long to) => ReadHeld(from, to, out _);

    /// <summary>Completes when more than <paramref name="known"/> bytes have been received.</summary>
    public Task WaitForMoreAsync(long known, CancellationToken ct)
    {
        lock (_lock)
            return _length > known ? Task.CompletedTask : _grew.Task.WaitAsync(ct);
    }

    public async Task<SerialMatch> WaitForAsync(Regex pattern, long from, CancellationToken ct)
    {
        SerialPatterns.EnsureSafe(pattern);
        var scanner = new SerialScanner(Math.Max(0, from), Limits);
        SerialMatch? pending = null;
        var settles = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var length = Length;
            var fed = 0L;
            if (scanner.Position < length)
            {
                var before = scanner.Position;
                var bytes = ReadHeld(scanner.Position, Math.Min(length, scanner.Position + FeedBytes), out var heldFrom);
                if (heldFrom > scanner.Position)
                    scanner.SkipTo(heldFrom); // evicted from the window before we got to it
                scanner.Feed(bytes.Span);
                fed = scanner.Position - before;
            }
            if (scanner.HasNewText)
            {
                var match = scanner.Scan(pattern);
                if (match is null)
                {
                    if (pending is not null)
                        return pending; // it matched when seen (e.g. a '$' at the newest byte); more text ended that
                    scanner.MarkScanned();
                }
                else
                {
                    var found = scanner.ToMatch(match, this);
                    if (pending is not null && found.Start > pending.Start)
                        return pending;
                    pending = found;
                    if (!scanner.TouchesEnd(match))
                        return found;
                }
            }
            else if (pending is not null && fed > 0)
            {
                return pending; // more bytes but no more text (a clipped line): the match cannot grow
            }

            if (pending is not null)
            {
                // the match ends at the newest byte and may still grow (a capture cut mid-word): settle briefly
                if (settles++ >= MaxSettles)
                    return pending;
                if (scanner.Position < Length)
                    continue;
                await Task.WhenAny(WaitForMoreAsync(scanner.Position, ct), Task.Delay(SettleTime, ct));
                ct.ThrowIfCancellationRequested();
                if (Length <= scanner.Position)
                    return pending;
                continue;
            }
            if (fed > 0 && scanner.Position < Length)
                continue;
            await WaitForMoreAsync(length, ct);
        }
    }

    private ReadOnlyMemory<byte> ReadHeld(long from, long to, out long heldFrom)
    {
        lock (_lock)
        {
            heldFrom = Math.Max(Math.Max(0, from), _length - _ring.Length);
            var end = Math.Min(to, _length);
            if (end <= heldFrom)
            {
                heldFrom = Math.Max(heldFrom, Math.Min(from, _length));
                return ReadOnlyMemory<byte>.Empty;
            }
            var copy = new byte[end - heldFrom];
            var position = (int)(heldFrom % _ring.Length);
            var first = Math.Min(copy.Length, _ring.Length - position);
            _ring.AsSpan(position, first).CopyTo(copy);
            _ring.AsSpan(0, copy.Length - first).CopyTo(copy.AsSpan(first));
            return copy;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
