using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>The bindings read from a DNS response, and what was wrong with it (null when nothing was).</summary>
public sealed record DnsAnswers(IReadOnlyList<DnsBinding> Bindings, string? Problem);
