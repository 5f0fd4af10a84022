using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>What the resolver answers to one query, and why when it is not an address.</summary>
public sealed record DnsDecision(DnsRcode Rcode, IPAddress? Address, string? Reason);
