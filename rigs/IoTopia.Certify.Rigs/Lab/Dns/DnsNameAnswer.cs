using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>The answer configured for one name: its kind, and the address when the kind is <see cref="DnsAnswerKind.Address"/>.</summary>
public sealed record DnsNameAnswer(DnsAnswerKind Kind, IPAddress? Address = null)
{
    /// <summary>As the resolver's log and the reports say it: <c>nxdomain</c>, <c>no-answer</c>, <c>address 127.77.1.12</c> ….</summary>
    public override string ToString() => Kind switch
    {
        DnsAnswerKind.NoData => "no-data",
        DnsAnswerKind.NoAnswer => "no-answer",
        DnsAnswerKind.Address => $"address {Address}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
