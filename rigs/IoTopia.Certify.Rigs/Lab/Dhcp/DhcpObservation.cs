using System.Net;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>One datagram the DHCP listener got: the parsed message (or why it was dropped) and what was answered.</summary>
public sealed record DhcpObservation
{
    public required DateTimeOffset Time { get; init; }
    public required IPEndPoint Client { get; init; }
    public DhcpMessage? Message { get; init; }

    /// <summary>Why the datagram was dropped; null when it parsed.</summary>
    public string? Malformed { get; init; }

    /// <summary>What the listener sent back ("DHCPACK"), or null.</summary>
    public string? Answered { get; init; }

    public string? Note { get; init; }

    public bool IsInform => Message?.MessageType == DhcpMessageTypes.Inform;

    /// <summary>A client's DHCPDISCOVER, DHCPREQUEST or DHCPINFORM: the messages that carry its MUD URL (RFC 8520 §10).</summary>
    public bool IsClientMessage => Message is { Op: 1, MessageType: DhcpMessageTypes.Discover or DhcpMessageTypes.Request or DhcpMessageTypes.Inform };

    /// <summary>The message's chaddr as a MAC, or null when it is not a 6-byte Ethernet address.</summary>
    public System.Net.NetworkInformation.PhysicalAddress? HardwareAddress =>
        Message is { HardwareType: 1, HardwareAddress.Length: 6 } m ? new System.Net.NetworkInformation.PhysicalAddress(m.HardwareAddress) : null;

    /// <summary>Option 161 as text (decoded leniently, clipped), or null.</summary>
    public string? MudUrl => Text(DhcpMessageTypes.OptionMudUrl);

    /// <summary>Option 60 as text, or null.</summary>
    public string? VendorClass => Text(DhcpMessageTypes.OptionVendorClass);

    /// <summary>Option 12 as text, or null.</summary>
    public string? HostName => Text(DhcpMessageTypes.OptionHostName);

    private string? Text(byte code) => Message?.Option(code) is { } value ? DeviceText.Decode(value, 1024) : null;
}
