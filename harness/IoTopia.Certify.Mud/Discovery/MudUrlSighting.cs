using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Mud.Discovery;

/// <summary>One MUD URL seen in a capture: the channel, the sender, the packet, and what is wrong with it.</summary>
public sealed record MudUrlSighting(MudUrlChannel Channel, string Url, MacAddr SenderMac, IpAddr SenderIp, long PacketNumber, IReadOnlyList<string> Problems)
{
    public string ChannelName => Channel switch
    {
        MudUrlChannel.DhcpV4 => "DHCPv4 option 161",
        MudUrlChannel.DhcpV6 => "DHCPv6 option 112",
        _ => "LLDP TLV 127 (00-00-5E/1)",
    };
}
