using System.Net;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>A name and an address a DNS answer bound it to (lower case, no trailing dot; unprintable bytes escaped as \DDD).</summary>
public sealed record DnsBinding(string Name, IPAddress Address);
