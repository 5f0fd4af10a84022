namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>Polling with a deadline; never a bare sleep.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        using var cts = new CancellationTokenSource(deadline);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (!condition())
                await timer.WaitForNextTickAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what}: not within {deadline.TotalSeconds:0.#} s");
        }
    }

    /// <summary>True when the condition stays false for the whole <paramref name="window"/>.</summary>
    public static async Task<bool> StaysFalseAsync(Func<bool> condition, TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (!condition())
                await timer.WaitForNextTickAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return !condition();
        }
    }
}
