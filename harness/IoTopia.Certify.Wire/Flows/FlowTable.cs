namespace IoTopia.Certify.Wire.Flows;

/// <summary>
/// The flows by key: open addressing over a power-of-two array of slots, keyed by value. A slot holds the
/// key's hash beside the flow, and the key lives in the flow itself: a lookup touches one small array and the
/// flow it then updates, not a separate array of keys (with thousands of flows open at once, every packet is
/// a cache miss on each array it touches). The library's own table rather than a
/// <see cref="Dictionary{TKey, TValue}"/> of the runtime: its code is compiled ahead of time with the library
/// (ReadyToRun), so the per-packet lookup never runs unoptimised code while the program warms up. Grows at
/// half full; never shrinks.
/// </summary>
internal sealed class FlowTable
{
    private int[] _hashes = new int[1024];
    private Flow?[] _flows = new Flow?[1024];
    private int _mask = 1023;

    public int Count { get; private set; }

    public Flow? Find(in FlowKey key)
    {
        var hash = key.GetHashCode();
        var hashes = _hashes;
        var flows = _flows;
        var mask = _mask;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var flow = flows[i];
            if (flow is null || (hashes[i] == hash && flow.Key.Equals(key)))
                return flow;
        }
    }

    /// <summary>Adds a flow whose key is not in the table.</summary>
    public void Add(Flow flow)
    {
        if (2 * (Count + 1) > _flows.Length)
            Grow();
        Place(flow, flow.Key.GetHashCode());
        Count++;
    }

    private void Place(Flow flow, int hash)
    {
        var i = hash & _mask;
        while (_flows[i] is not null)
            i = (i + 1) & _mask;
        _hashes[i] = hash;
        _flows[i] = flow;
    }

    private void Grow()
    {
        var oldFlows = _flows;
        var oldHashes = _hashes;
        _hashes = new int[oldFlows.Length * 2];
        _flows = new Flow?[oldFlows.Length * 2];
        _mask = _flows.Length - 1;
        for (var i = 0; i < oldFlows.Length; i++)
        {
            if (oldFlows[i] is { } flow)
                Place(flow, oldHashes[i]);
        }
    }
}
