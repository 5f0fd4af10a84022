using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Dns;

/// <summary>The answers of one DNS response, and its name → address bindings with CNAME aliases followed (the name asked for is bound too).</summary>
public sealed class DnsAnswerSet : IDnsAnswerSink
{
    private const int MaxAliasChain = 8;

    private readonly List<(string Owner, IpAddr Address)> _addresses = [];
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    /// <summary>What was wrong with the message, or null.</summary>
    public string? Problem { get; private set; }

    public static DnsAnswerSet Read(ReadOnlySpan<byte> message)
    {
        var set = new DnsAnswerSet();
        set.Problem = DnsAnswerReader.Read(message, set);
        return set;
    }

    public void AddAddress(string owner, IpAddr address) => _addresses.Add((owner, address));

    public void AddAlias(string alias, string canonical) => _aliases.TryAdd(alias, canonical);

    /// <summary>Every address record, then each alias bound to the addresses at the end of its chain.</summary>
    public IReadOnlyList<(string Name, IpAddr Address)> Bindings()
    {
        var bindings = new List<(string, IpAddr)>(_addresses);
        foreach (var alias in _aliases.Keys)
        {
            var name = alias;
            for (var step = 0; step < MaxAliasChain && _aliases.TryGetValue(name, out var next); step++)
                name = next;
            foreach (var (owner, address) in _addresses)
            {
                if (owner == name)
                    bindings.Add((alias, address));
            }
        }
        return bindings;
    }
}
