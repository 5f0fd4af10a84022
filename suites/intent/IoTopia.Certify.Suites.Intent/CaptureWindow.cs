using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Capture;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// Ends the window of a capture started earlier in the attempt (capture.start): lets it read what arrived up
/// to now, stops it like capture.stop, and hands over the finished pcap.
/// </summary>
internal static class CaptureWindow
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <returns>the ended capture, or why there is none</returns>
    public static async Task<(EndedCapture? Capture, string? Problem)> EndAsync(StepContext context, string name, CancellationToken ct)
    {
        if (context.Activities.Find<CaptureActivity>(name) is not { } activity)
            return (null, $"no capture named '{name}' runs in this attempt; start it with capture.start at the scenario's beginning");
        var end = DateTimeOffset.UtcNow;
        var deadline = end + CatchUp;
        while (activity.Stats.DroppedUntil is not { } until || until < end)
        {
            if (DateTimeOffset.UtcNow >= deadline || activity.Failure is not null)
                break;
            await Task.Delay(Poll, ct);
        }
        await context.Activities.StopAsync(name, ct);
        var stats = await activity.Final.WaitAsync(ct);
        if (activity.PcapPath is null || activity.PcapEvidencePath is null)
            return (null, $"capture '{name}' has no pcap");
        return (new EndedCapture(name, activity.PcapPath, activity.PcapEvidencePath, stats, activity.Target, activity.Failure, activity.Started, end), null);
    }
}
