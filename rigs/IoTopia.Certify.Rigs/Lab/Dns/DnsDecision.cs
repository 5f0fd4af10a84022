using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>What the resolver answers to one query, and why when it is not an address. <see cref="Reply"/> false: the query is dropped unanswered.</summary>
public sealed record DnsDecision(DnsRcode Rcode, IPAddress? Address, string? Reason)
{
    public bool Reply { get; init; } = true;
}
