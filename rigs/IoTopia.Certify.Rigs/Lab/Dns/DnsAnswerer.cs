using System.Collections.Concurrent;
using System.Net;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>
/// The resolver's rules: A/IN for a host name → its address in the plan; a name that is not a host
/// name, or a full plan → NXDOMAIN; other data types → NOERROR without records; other opcodes, classes
/// and meta queries (ANY, AXFR …) → NOTIMP. A name configured for the scenario (<see cref="Configure"/>)
/// gets its configured answer, whatever the type, until <see cref="Reset"/>.
/// </summary>
public sealed class DnsAnswerer
{
    private const string ConfiguredReason = "configured for this scenario";
    private readonly ConcurrentDictionary<string, DnsNameAnswer> _configured = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers <paramref name="name"/> so for this scenario; returns the name as it is matched (lower case, no trailing dot).</summary>
    public string Configure(string name, DnsNameAnswer answer)
    {
        if (answer.Kind == DnsAnswerKind.Address && answer.Address is null)
            throw new ArgumentException("an address answer needs an address", nameof(answer));
        var normalized = Normalize(name);
        _configured[normalized] = answer;
        return normalized;
    }

    public void Block(string name) => Configure(name, new DnsNameAnswer(DnsAnswerKind.Nxdomain));

    /// <summary>Forgets every configured name; returns those it forgot.</summary>
    public IReadOnlyCollection<string> Reset()
    {
        var names = _configured.Keys.Order(StringComparer.Ordinal).ToList();
        _configured.Clear();
        return names;
    }

    public IReadOnlyDictionary<string, DnsNameAnswer> Configured => new Dictionary<string, DnsNameAnswer>(_configured, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names answered NXDOMAIN for this scenario.</summary>
    public IReadOnlyCollection<string> Blocked => [.. _configured.Where(c => c.Value.Kind == DnsAnswerKind.Nxdomain).Select(c => c.Key)];

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
        if (_configured.TryGetValue(host, out var answer))
            return Decide(answer, query.QType);
        if (query.QType != DnsTypes.A)
            return new DnsDecision(DnsRcode.NoError, null, "no records of this type (the lab answers A only)");
        var address = plan.AddressFor(host);
        return address is null
            ? new DnsDecision(DnsRcode.NxDomain, null, $"the address plan is full ({plan.Subnet}: .10–.99 taken)")
            : new DnsDecision(DnsRcode.NoError, address, null);
    }

    private static DnsDecision Decide(DnsNameAnswer answer, ushort qtype)
    {
        var reason = $"{ConfiguredReason}: {answer}";
        return answer.Kind switch
        {
            DnsAnswerKind.Nxdomain => new DnsDecision(DnsRcode.NxDomain, null, reason),
            DnsAnswerKind.Refused => new DnsDecision(DnsRcode.Refused, null, reason),
            DnsAnswerKind.Servfail => new DnsDecision(DnsRcode.ServFail, null, reason),
            DnsAnswerKind.NoData => new DnsDecision(DnsRcode.NoError, null, reason),
            DnsAnswerKind.NoAnswer => new DnsDecision(DnsRcode.NoError, null, reason) { Reply = false },
            DnsAnswerKind.Address when qtype == DnsTypes.A => new DnsDecision(DnsRcode.NoError, answer.Address, reason),
            DnsAnswerKind.Address => new DnsDecision(DnsRcode.NoError, null, $"{reason} (A only; no records of this type)"),
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Kind, "unknown answer kind"),
        };
    }

    private static string Normalize(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
            throw new ArgumentException("empty name", nameof(name));
        return trimmed.ToLowerInvariant();
    }
}
