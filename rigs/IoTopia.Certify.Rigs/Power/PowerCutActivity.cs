using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// Waits for a pattern on the serial log, then <c>after</c> that match's arrival cuts the power, and
/// records when the cut was made (<paramref name="onCut"/> journals it at once). Stopped before it fires, it does nothing.
/// </summary>
public sealed class PowerCutActivity(ISerialLog log, Regex pattern, long from, TimeSpan after, IPowerProtocol power, Action<PowerCut>? onCut = null)
    : BackgroundActivity
{
    public const string Name = "power.cut";

    private readonly TaskCompletionSource<PowerCut> _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Regex Pattern => pattern;
    public TimeSpan After => after;
    public long From => from;

    /// <summary>Completes with the cut; faults when cutting failed; cancelled when the activity stopped first.</summary>
    public Task<PowerCut> Cut => _cut.Task;

    protected override async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var match = await log.WaitForAsync(pattern, from, ct);
            // timers round to whole milliseconds and may fire a little early: never cut before the time asked
            var target = match.At + after;
            for (var left = target - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = target - DateTimeOffset.UtcNow)
                await Task.Delay(left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left, ct);
            var cutAt = DateTimeOffset.UtcNow;
            await power.OffAsync(ct);
            var cut = new PowerCut(match, after, cutAt, DateTimeOffset.UtcNow);
            onCut?.Invoke(cut);
            _cut.TrySetResult(cut);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _cut.TrySetCanceled(ct);
            throw;
        }
        catch (Exception e)
        {
            _cut.TrySetException(e);
            throw;
        }
    }
}
