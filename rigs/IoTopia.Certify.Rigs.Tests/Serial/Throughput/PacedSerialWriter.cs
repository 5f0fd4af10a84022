using System.Diagnostics;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// Writes traffic to a non-blocking tty at a fixed byte rate, on a thread of its own: every tick it
/// offers what the wire would have carried since the start and not yet been offered. What the tty
/// refuses is lost, never offered again (a UART's FIFO overflowing), so the writer never falls behind
/// the clock and never blocks. When the writer itself is held up (a busy machine), its next offer is a
/// burst of the bytes the wire would have spread over the stall; the ledger keeps each write's time to tell.
/// </summary>
internal sealed class PacedSerialWriter(NonBlockingTty tty, double bytesPerSecond, TimeSpan tick)
{
    /// <summary>115200 baud, 8N1: 10 bits on the wire per byte.</summary>
    public const double BytesPerSecondAt115200 = 115200 / 10.0;

    public Task<WriteLedger> WriteAsync(ReadOnlyMemory<byte> traffic, CancellationToken ct)
    {
        var done = new TaskCompletionSource<WriteLedger>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Write(traffic, ct));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "paced serial writer" };
        thread.Start();
        return done.Task;
    }

    private WriteLedger Write(ReadOnlyMemory<byte> traffic, CancellationToken ct)
    {
        tty.TryWrite([]); // the write path compiled before the clock starts
        var ledger = new WriteLedger { Started = DateTimeOffset.UtcNow };
        var clock = Stopwatch.StartNew();
        var position = 0;
        while (position < traffic.Length)
        {
            var elapsed = clock.Elapsed;
            var nextTick = tick * (Math.Floor(elapsed / tick) + 1);
            if (ct.WaitHandle.WaitOne((int)Math.Ceiling((nextTick - elapsed).TotalMilliseconds)))
                ct.ThrowIfCancellationRequested();
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
