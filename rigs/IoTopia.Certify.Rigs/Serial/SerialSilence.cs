using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>Waits on the DUT falling silent: nothing more received for a while.</summary>
public static class SerialSilence
{
    /// <summary>True when no byte after <paramref name="end"/> arrives within <paramref name="quiet"/>.</summary>
    public static async Task<bool> AfterAsync(ISerialLog log, long end, TimeSpan quiet, CancellationToken ct)
    {
        if (log.Length > end)
            return false;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(quiet);
        try
        {
            await log.WaitForMoreAsync(end, window.Token);
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/>; false when <paramref name="limit"/> passed first.</summary>
    public static async Task<bool> WaitAsync(ISerialLog log, TimeSpan quiet, TimeSpan limit, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        try
        {
            while (!await AfterAsync(log, log.Length, quiet, bounded.Token))
            {
            }
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
