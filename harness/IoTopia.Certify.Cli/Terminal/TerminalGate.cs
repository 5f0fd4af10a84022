namespace IoTopia.Certify.Cli.Terminal;

/// <summary>
/// Who draws on the terminal: the live progress view, or a question for the operator. A question takes the terminal;
/// the live view sees <see cref="Wanted"/>, leaves its last frame on screen and waits until the question is answered,
/// then draws again below it — so neither draws over the other.
/// </summary>
public sealed class TerminalGate
{
    private readonly SemaphoreSlim _terminal = new(1, 1);
    private int _waiting;

    /// <summary>The terminal of this process.</summary>
    public static TerminalGate Console { get; } = new();

    /// <summary>A question is waiting for the terminal.</summary>
    public bool Wanted => Volatile.Read(ref _waiting) > 0;

    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _terminal.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Lease(_terminal);
    }

    /// <summary>For the live view, which yields to <see cref="Wanted"/> rather than queueing behind it.</summary>
    internal async Task<IDisposable> TakeForViewAsync()
    {
        while (true)
        {
            await _terminal.WaitAsync();
            if (!Wanted)
                return new Lease(_terminal);
            _terminal.Release();
            await Task.Delay(50);
        }
    }

    private sealed class Lease(SemaphoreSlim terminal) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                terminal.Release();
        }
    }
}
