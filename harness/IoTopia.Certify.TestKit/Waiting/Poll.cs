namespace IoTopia.Certify.TestKit;

/// <summary>Polls a condition until it holds or a deadline passes, failing the test with what it waited for (never a bare sleep).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>The first non-null value of <paramref name="probe"/>; fails the test when none comes within <paramref name="deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan deadline, string what) where T : class
    {
        using var cts = new CancellationTokenSource(deadline);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (true)
            {
                if (probe() is { } value)
                    return value;
                await timer.WaitForNextTickAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (probe() is { } last)
                return last;
            Assert.Fail($"timed out after {deadline.TotalSeconds:0.###} s waiting for {what}");
            throw; // not reached: Assert.Fail throws
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test when it does not within <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        await UntilAsync(() => condition() ? "" : null, deadline, what);

    /// <summary>True when <paramref name="condition"/> stays false for the whole <paramref name="window"/>.</summary>
    public static async Task<bool> StaysFalseAsync(Func<bool> condition, TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        using var timer = new PeriodicTimer(Interval);
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
