namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Polls a condition until it holds or the deadline passes (no bare sleeps in tests).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan deadline, string what) where T : class
    {
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            if (probe() is { } value)
                return value;
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {deadline} waiting for {what}");
            }
        }
    }

    public static async Task UntilAsync(Func<bool> probe, TimeSpan deadline, string what) =>
        await UntilAsync(() => probe() ? "" : null, deadline, what);
}
