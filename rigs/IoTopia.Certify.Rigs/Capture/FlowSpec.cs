using System.Net;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// A flow as scenarios write it: the DUT talking with <c>host</c> (an IP address, or a name the capture
/// saw resolved by a DNS answer), optionally on the host's <c>port</c> and over <c>proto</c>.
/// </summary>
public sealed class FlowSpec
{
    public required string Host { get; init; }
    public int? Port { get; init; }
    public FlowProtocol? Proto { get; init; }

    /// <summary>The host as an address, or null when it is a name.</summary>
    public IPAddress? Address => IPAddress.TryParse(Host, out var a) ? a : null;

    /// <summary>The host as a name the way DNS bindings hold it (lower case, no trailing dot).</summary>
    public string Name => Host.Trim().TrimEnd('.').ToLowerInvariant();

    public IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Host))
            yield return $"{key}.host: give an IP address or a DNS name";
        if (Port is < 0 or > 65535)
            yield return $"{key}.port: {Port} is not a port";
    }

    /// <summary>True when <paramref name="flow"/> goes between <paramref name="dut"/> and one of <paramref name="hosts"/>, on the host's port.</summary>
    public bool Matches(FlowKey flow, IPAddress dut, IReadOnlySet<IPAddress> hosts)
    {
        if (Proto is { } proto && flow.Protocol != (proto == FlowProtocol.Tcp ? FrameDecoder.ProtocolTcp : FrameDecoder.ProtocolUdp))
            return false;
        if (flow.Source.Equals(dut) && hosts.Contains(flow.Destination))
            return Port is null || flow.DestinationPort == Port;
        if (flow.Destination.Equals(dut) && hosts.Contains(flow.Source))
            return Port is null || flow.SourcePort == Port;
        return false;
    }

    public override string ToString() =>
        $"{(Proto is { } p ? p.ToString().ToLowerInvariant() + " " : "")}{Host}{(Port is { } port ? $" port {port}" : "")}";
}
