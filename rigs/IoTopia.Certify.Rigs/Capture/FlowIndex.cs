using System.Net;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// The flows of the DUT's packets, and the names DNS answers to the DUT bound to addresses — built from
/// the capture itself, so a scenario can name a host. Bounded: past <see cref="MaxFlows"/> flows and
/// <see cref="MaxNames"/> bindings new ones are only counted. Safe to read while the capture adds.
/// </summary>
public sealed class FlowIndex(IPAddress dut)
{
    public const int MaxFlows = 4096;
    public const int MaxNames = 1024;

    private readonly Dictionary<FlowKey, Flow> _flows = [];
    private readonly Dictionary<string, HashSet<IPAddress>> _names = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _packets;
    private long _overflow;

    public IPAddress Dut { get; } = dut;

    /// <summary>DUT packets indexed.</summary>
    public long Packets
    {
        get
        {
            lock (_lock)
                return _packets;
        }
    }

    /// <summary>Packets of flows or bindings that did not fit.</summary>
    public long Overflow
    {
        get
        {
            lock (_lock)
                return _overflow;
        }
    }

    /// <summary>Adds a DUT packet (others are ignored); returns its flow key, or null when it has no addresses.</summary>
    public FlowKey? Add(CapturedPacket packet)
    {
        if (!packet.IsDut || packet.Source is null || packet.Destination is null)
            return null;
        var key = new FlowKey(packet.Source, packet.Destination, packet.Protocol ?? 0, packet.SourcePort ?? 0, packet.DestinationPort ?? 0);
        lock (_lock)
        {
            _packets++;
            if (_flows.TryGetValue(key, out var flow))
                _flows[key] = flow with { Last = Max(flow.Last, packet.Time), First = Min(flow.First, packet.Time), Packets = flow.Packets + 1, Bytes = flow.Bytes + packet.Length };
            else if (_flows.Count < MaxFlows)
                _flows[key] = new Flow(key, packet.Time, packet.Time, 1, packet.Length);
            else
                _overflow++;
            if (packet.DnsAnswers.Count > 0 && Dut.Equals(packet.Destination))
                Bind(packet.DnsAnswers);
        }
        return key;
    }

    /// <summary>The addresses <paramref name="spec"/>'s host stands for: itself when it is an address, else what DNS answers bound its name to.</summary>
    public IReadOnlySet<IPAddress> Resolve(FlowSpec spec)
    {
        if (spec.Address is { } address)
            return new HashSet<IPAddress> { address };
        lock (_lock)
            return _names.TryGetValue(spec.Name, out var bound) ? new HashSet<IPAddress>(bound) : new HashSet<IPAddress>();
    }

    /// <summary>The flows matching <paramref name="spec"/>, earliest first.</summary>
    public IReadOnlyList<Flow> Matching(FlowSpec spec)
    {
        var hosts = Resolve(spec);
        if (hosts.Count == 0)
            return [];
        lock (_lock)
            return _flows.Values.Where(f => spec.Matches(f.Key, Dut, hosts)).OrderBy(f => f.First).ToList();
    }

    public IReadOnlyList<Flow> Flows()
    {
        lock (_lock)
            return _flows.Values.OrderBy(f => f.First).ToList();
    }

    public IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Names()
    {
        lock (_lock)
            return _names.ToDictionary(n => n.Key, n => (IReadOnlyList<IPAddress>)[.. n.Value], StringComparer.Ordinal);
    }

    private void Bind(IReadOnlyList<DnsBinding> answers)
    {
        foreach (var answer in answers)
        {
            if (!_names.TryGetValue(answer.Name, out var set))
            {
                if (_names.Count >= MaxNames)
                {
                    _overflow++;
                    continue;
                }
                _names[answer.Name] = set = [];
            }
            if (set.Count < 64)
                set.Add(answer.Address);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
