using System.Collections.Concurrent;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>
/// The resolver's rules: A/IN for a host name → its address in the plan; a blocked name, a name that
/// is not a host name, or a full plan → NXDOMAIN; other data types → NOERROR without records;
/// other opcodes, classes and meta queries (ANY, AXFR …) → NOTIMP.
/// </summary>
public sealed class DnsAnswerer
{
    private readonly ConcurrentDictionary<string, byte> _blocked = new(StringComparer.OrdinalIgnoreCase);

    public void Block(string name) => _blocked[Normalize(name)] = 0;

    public void Reset() => _blocked.Clear();

    public IReadOnlyCollection<string> Blocked => [.. _blocked.Keys];

    public DnsDecision Decide(DnsQuery query, AddressPlan plan)
    {
        if (query.Opcode != 0)
            return new DnsDecision(DnsRcode.NotImp, null, $"opcode {query.Opcode} is not a standard query");
        if (query.QClass != DnsTypes.ClassIn)
            return new DnsDecision(DnsRcode.NotImp, null, $"class {query.QClass} (only IN)");
        if (DnsTypes.IsMetaQuery(query.QType))
            return new DnsDecision(DnsRcode.NotImp, null, $"{DnsTypes.Name(query.QType)} queries are not answered");
        var host = DnsNameText.AsHostName(query.Labels);
        if (host is null)
            return new DnsDecision(DnsRcode.NxDomain, null, "not a host name");
        if (_blocked.ContainsKey(host))
            return new DnsDecision(DnsRcode.NxDomain, null, "blocked for this scenario");
        if (query.QType != DnsTypes.A)
            return new DnsDecision(DnsRcode.NoError, null, "no records of this type (the lab answers A only)");
        var address = plan.AddressFor(host);
        return address is null
            ? new DnsDecision(DnsRcode.NxDomain, null, $"the address plan is full ({plan.Subnet}: .10–.99 taken)")
            : new DnsDecision(DnsRcode.NoError, address, null);
    }

    private static string Normalize(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
            throw new ArgumentException("empty name", nameof(name));
        return trimmed.ToLowerInvariant();
    }
}
