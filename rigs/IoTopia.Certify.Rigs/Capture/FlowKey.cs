using System.Net;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>One direction of a conversation: addresses, IP protocol and ports (0 when the protocol has none).</summary>
public readonly record struct FlowKey(IPAddress Source, IPAddress Destination, int Protocol, int SourcePort, int DestinationPort)
{
    public string ProtocolName => Protocol switch
    {
        FrameDecoder.ProtocolTcp => "tcp",
        FrameDecoder.ProtocolUdp => "udp",
        1 => "icmp",
        58 => "icmpv6",
        _ => $"ip-proto-{Protocol}",
    };

    public override string ToString() =>
        SourcePort == 0 && DestinationPort == 0
            ? $"{ProtocolName} {Source} → {Destination}"
            : $"{ProtocolName} {Endpoint(Source, SourcePort)} → {Endpoint(Destination, DestinationPort)}";

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
