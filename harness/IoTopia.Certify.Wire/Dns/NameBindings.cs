using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Dns;

/// <summary>
/// Capture-global name bindings from DNS answers: which names lead to an address, following CNAME
/// chains backwards (an address answered for the end of a chain is bound to every name of the chain).
/// Bounded: beyond <see cref="MaxBindings"/> further answers are counted, not kept.
/// </summary>
public sealed class NameBindings : IDnsAnswerSink
{
    public const int MaxBindings = 200_000;
    private const int MaxChain = 16;

    private readonly Dictionary<IpAddr, HashSet<string>> _owners = [];
    private readonly Dictionary<string, HashSet<string>> _aliasesOf = new(StringComparer.Ordinal);
    private int _count;

    public long Dropped { get; private set; }

    public void AddAddress(string owner, IpAddr address)
    {
        if (!Room())
            return;
        if (!_owners.TryGetValue(address, out var set))
            _owners[address] = set = new HashSet<string>(StringComparer.Ordinal);
        if (set.Add(owner))
            _count++;
    }

    public void AddAlias(string alias, string canonical)
    {
        if (!Room())
            return;
        if (!_aliasesOf.TryGetValue(canonical, out var set))
            _aliasesOf[canonical] = set = new HashSet<string>(StringComparer.Ordinal);
        if (set.Add(alias))
            _count++;
    }

    /// <summary>Every name that resolves to <paramref name="address"/>: the owners of its A/AAAA records and every alias chained to them.</summary>
    public IReadOnlyList<NameChain> NamesOf(IpAddr address)
    {
        if (!_owners.TryGetValue(address, out var owners))
            return [];
        var result = new List<NameChain>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Name, List<string> Chain)>();
        foreach (var owner in owners.Order(StringComparer.Ordinal))
            queue.Enqueue((owner, [owner]));
        while (queue.Count > 0 && result.Count < 256)
        {
            var (name, chain) = queue.Dequeue();
            if (!seen.Add(name))
                continue;
            result.Add(new NameChain(name, chain));
            if (chain.Count >= MaxChain || !_aliasesOf.TryGetValue(name, out var aliases))
                continue;
            foreach (var alias in aliases.Order(StringComparer.Ordinal))
                queue.Enqueue((alias, [alias, .. chain]));
        }
        return result;
    }

    public bool Resolves(string name, IpAddr address) => NamesOf(address).Any(n => n.Name == name);

    private bool Room()
    {
        if (_count < MaxBindings)
            return true;
        Dropped++;
        return false;
    }

    /// <summary>Lower case without a trailing dot: how names are compared.</summary>
    public static string Normalise(string name) => name.TrimEnd('.').ToLowerInvariant();
}
