namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>
/// What a lab service saw, in order, for steps to look at and wait for. Indexes are absolute (the
/// n-th observation of the run), so a scenario keeps a cursor and never misses what arrived
/// before it started waiting. Only the last <see cref="Capacity"/> are held; the evidence file has all.
/// </summary>
public sealed class ObservationList<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _first;

    public ObservationList(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>How many were seen so far; the next one gets this index.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
                return _first + _items.Count;
        }
    }

    public void Add(T item)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _items.Add(item);
            if (_items.Count > Capacity)
            {
                _items.RemoveAt(0);
                _first++;
            }
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>The held observations with index ≥ <paramref name="from"/>.</summary>
    public IReadOnlyList<T> Since(long from = 0)
    {
        lock (_lock)
        {
            var skip = (int)Math.Clamp(from - _first, 0, _items.Count);
            return _items.GetRange(skip, _items.Count - skip);
        }
    }

    /// <summary>The first observation with index ≥ <paramref name="from"/> matching <paramref name="predicate"/>; waits until <paramref name="ct"/> is cancelled.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> predicate, long from, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var skip = (int)Math.Clamp(from - _first, 0, _items.Count);
                for (var i = skip; i < _items.Count; i++)
                {
                    if (predicate(_items[i]))
                        return _items[i];
                }
                from = _first + _items.Count;
                changed = _changed.Task;
            }
            await changed.WaitAsync(ct);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
