namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>How many requests one connection carried (HTTP/2 streams run in parallel).</summary>
internal sealed class ConnectionRequests
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
