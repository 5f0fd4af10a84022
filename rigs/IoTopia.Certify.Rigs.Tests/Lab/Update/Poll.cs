namespace IoTopia.Certify.Rigs.Tests.Lab.Update;

/// <summary>Polls a probe until it gives a value (or true) within a deadline; failing the test names what never came.</summary>
internal static class Poll
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static async Task<T> UntilAsync<T>(Func<T?> probe, string what)
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            if (probe() is { } value && value is not false)
                return value;
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not within {Wait.TotalSeconds:0} s: {what}");
            }
        }
    }
}
