using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>One query the resolver answered (or dropped, with <see cref="Malformed"/> saying why), as steps see it.</summary>
public sealed record DnsExchange
{
    public required DateTimeOffset Time { get; init; }
    public required IPEndPoint Client { get; init; }

    /// <summary>The forwarder the query came through (the netns rig's dnsmasq), or null when the client asked directly.</summary>
    public IPEndPoint? Via { get; init; }

    /// <summary>Why the datagram was dropped unanswered; null for a query that was answered.</summary>
    public string? Malformed { get; init; }

    public ushort Id { get; init; }

    /// <summary>The name, escaped (<see cref="DnsNameText.Escape"/>).</summary>
    public string QName { get; init; } = "";

    /// <summary>The name as a lower-case host name, or null when it is not one.</summary>
    public string? HostName { get; init; }

    public ushort QType { get; init; }
    /// <summary>The response code sent; null when nothing was sent (malformed, or configured to go unanswered).</summary>
    public DnsRcode? Rcode { get; init; }
    public IPAddress? Answer { get; init; }
    public string? Reason { get; init; }
}
