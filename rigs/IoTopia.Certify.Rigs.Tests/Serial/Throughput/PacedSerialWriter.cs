using System.Diagnostics;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// Writes traffic to a non-blocking tty at a fixed byte rate: every tick it offers what the wire would
/// have carried since the start and not yet been offered. What the tty refuses is lost, never offered
/// again (a UART's FIFO overflowing), so the writer never falls behind the clock and never blocks.
/// </summary>
internal sealed class PacedSerialWriter(NonBlockingTty tty, double bytesPerSecond, TimeSpan tick)
{
    /// <summary>115200 baud, 8N1: 10 bits on the wire per byte.</summary>
    public const double BytesPerSecondAt115200 = 115200 / 10.0;

    public async Task<WriteLedger> WriteAsync(ReadOnlyMemory<byte> traffic, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(tick);
        var ledger = new WriteLedger { Started = DateTimeOffset.UtcNow };
        var clock = Stopwatch.StartNew();
        var position = 0;
        while (position < traffic.Length)
        {
            await timer.WaitForNextTickAsync(ct);
            var due = (int)Math.Min(traffic.Length, Math.Floor(clock.Elapsed.TotalSeconds * bytesPerSecond));
            if (due <= position)
                continue;
            var at = DateTimeOffset.UtcNow;
            var accepted = tty.TryWrite(traffic.Span[position..due]);
            ledger.Add(new SerialWrite(position, due - position, accepted, at));
            position = due;
        }
        return ledger;
    }
}
