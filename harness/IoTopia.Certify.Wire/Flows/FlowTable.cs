namespace IoTopia.Certify.Wire.Flows;

/// <summary>
/// The flows by key: open addressing over a power-of-two array of (key, flow) slots, keyed by value.
/// The library's own table rather than a <see cref="Dictionary{TKey, TValue}"/> of the runtime: its code is
/// compiled ahead of time with the library (ReadyToRun), so the per-packet lookup never runs unoptimised
/// code while the program warms up. Grows at half full; never shrinks.
/// </summary>
internal sealed class FlowTable
{
    private FlowKey[] _keys = new FlowKey[1024];
    private Flow?[] _flows = new Flow?[1024];
    private int _mask = 1023;

    public int Count { get; private set; }

    public Flow? Find(in FlowKey key)
    {
        for (var i = key.GetHashCode() & _mask; ; i = (i + 1) & _mask)
        {
            var flow = _flows[i];
            if (flow is null || _keys[i].Equals(key))
                return flow;
        }
    }

    /// <summary>Adds a flow whose key is not in the table.</summary>
    public void Add(Flow flow)
    {
        if (2 * (Count + 1) > _flows.Length)
            Grow();
        Place(flow);
        Count++;
    }

    private void Place(Flow flow)
    {
        var key = flow.Key;
        var i = key.GetHashCode() & _mask;
        while (_flows[i] is not null)
            i = (i + 1) & _mask;
        _keys[i] = key;
        _flows[i] = flow;
    }

    private void Grow()
    {
        var old = _flows;
        _keys = new FlowKey[old.Length * 2];
        _flows = new Flow?[old.Length * 2];
        _mask = _flows.Length - 1;
        foreach (var flow in old)
        {
            if (flow is not null)
                Place(flow);
        }
    }
}
