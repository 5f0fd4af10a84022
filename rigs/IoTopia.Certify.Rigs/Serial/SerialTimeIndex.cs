namespace IoTopia.Certify.Rigs.Serial;

/// <summary>Arrival time of each received chunk by its first offset; times never go back. Not thread-safe: the log locks.</summary>
internal sealed class SerialTimeIndex
{
    private readonly List<long> _offsets = [];
    private readonly List<long> _ticks = [];
    private int _head;

    public void Add(long offset, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        if (_ticks.Count > _head && ticks < _ticks[^1])
            ticks = _ticks[^1];
        _offsets.Add(offset);
        _ticks.Add(ticks);
    }

    /// <summary>Drops chunks that lie wholly before <paramref name="windowStart"/>.</summary>
    public void Forget(long windowStart)
    {
        while (_offsets.Count - _head >= 2 && _offsets[_head + 1] <= windowStart)
            _head++;
        if (_head > 4096 && _head > _offsets.Count / 2)
        {
            _offsets.RemoveRange(0, _head);
            _ticks.RemoveRange(0, _head);
            _head = 0;
        }
    }

    public DateTimeOffset TimeAt(long offset)
    {
        if (_offsets.Count == _head || offset < _offsets[_head])
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "that byte is no longer held in memory (see the raw serial evidence)");
        int lo = _head, hi = _offsets.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_offsets[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return new DateTimeOffset(_ticks[lo], TimeSpan.Zero);
    }
}
