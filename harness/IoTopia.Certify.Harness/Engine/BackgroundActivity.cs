namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// Work that runs across steps of one scenario attempt (a serial reader, a capture, a timed power
/// cut, a lab service). A step starts it; the engine stops it when the attempt ends, whatever happened.
/// </summary>
public abstract class BackgroundActivity : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _running;

    /// <summary>Set when the activity ended by an exception; the attempt then carries an <c>error</c>.</summary>
    public Exception? Fault { get; private set; }

    public bool IsRunning => _running is { IsCompleted: false };

    internal void Start(CancellationToken attemptLifetime)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(attemptLifetime);
        var token = _stop.Token;
        _running = Task.Run(async () =>
        {
            try
            {
                await RunAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Fault = e;
            }
        }, CancellationToken.None);
    }

    /// <summary>The activity's work, until <paramref name="ct"/> asks it to stop.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    /// <summary>Called after the work stopped (or was abandoned): close evidence files here.</summary>
    protected virtual ValueTask OnStoppedAsync() => ValueTask.CompletedTask;

    /// <summary>Asks the work to stop and waits for it until <paramref name="ct"/>; true when it stopped in time.</summary>
    public async Task<bool> StopAsync(CancellationToken ct)
    {
        if (_stop is null || _running is null)
            return true;
        await _stop.CancelAsync();
        var stopped = true;
        try
        {
            await _running.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            stopped = false;
        }
        await OnStoppedAsync();
        return stopped;
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await StopAsync(deadline.Token);
        _stop?.Dispose();
        GC.SuppressFinalize(this);
    }
}
