using System.Text;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Steps.Selftest;

/// <summary>A background activity that writes a numbered line to its evidence file at each tick.</summary>
public sealed class TickerActivity(EvidenceFile log, TimeSpan interval) : BackgroundActivity
{
    private int _ticks;

    public int Ticks => Volatile.Read(ref _ticks);

    protected override async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var n = Interlocked.Increment(ref _ticks);
            log.Write(Encoding.UTF8.GetBytes($"{DateTimeOffset.UtcNow:O} tick {n}\n"));
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    protected override async ValueTask OnStoppedAsync() => await log.DisposeAsync();
}
