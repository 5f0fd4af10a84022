using System.Net;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// What the capture decoded from one packet. Packets are hostile input: whatever could not be decoded
/// is null, and <see cref="Malformed"/> says why decoding stopped.
/// </summary>
public sealed record CapturedPacket
{
    /// <summary>The capture timestamp (microseconds).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Length on the wire.</summary>
    public required int Length { get; init; }

    public IPAddress? Source { get; init; }
    public IPAddress? Destination { get; init; }

    /// <summary>The IP protocol number (6 TCP, 17 UDP), when the packet is IP.</summary>
    public int? Protocol { get; init; }

    public int? SourcePort { get; init; }
    public int? DestinationPort { get; init; }

    /// <summary>A records of a DNS response carried by this packet (CNAME aliases bound too).</summary>
    public IReadOnlyList<DnsBinding> DnsAnswers { get; init; } = [];

    /// <summary>The UDP payload of a BOOTP/DHCP packet (port 67 or 68), at most 1500 bytes, for the lab's DHCP observations; else null.</summary>
    public byte[]? Bootp { get; init; }

    /// <summary>Why decoding stopped early (truncated header, bad DNS), or null.</summary>
    public string? Malformed { get; init; }

    /// <summary>Whether the packet is the DUT's behavioural traffic (see <see cref="CaptureTarget.IsDut"/>).</summary>
    public bool IsDut { get; init; }
}
