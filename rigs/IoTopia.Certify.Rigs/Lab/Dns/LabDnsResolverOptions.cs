using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>Where the lab resolver listens when a forwarder stands in front of it (the netns rig's dnsmasq).</summary>
public sealed record LabDnsResolverOptions
{
    /// <summary>The UDP port on the lab address; null: the plan's DNS port.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// The forwarder whose queries name the real client in an EDNS Client Subnet option (dnsmasq
    /// <c>--add-subnet=32</c>): its queries are recorded as the client's, with the forwarder as <c>via</c>.
    /// </summary>
    public IPAddress? Forwarder { get; init; }
}
