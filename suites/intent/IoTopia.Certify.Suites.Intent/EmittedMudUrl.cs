using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>One MUD URL the DUT emitted: the channel, how the lab saw it, the URL (printable, clipped), its size as an option, and what is wrong with it.</summary>
public sealed record EmittedMudUrl
{
    public const string DhcpV4 = "DHCPv4 option 161";
    public const string Certificate = "certificate id-pe-mud-url";

    /// <summary>The RFC 8520 channel: <see cref="DhcpV4"/>, "DHCPv6 option 112", "LLDP TLV 127 (00-00-5E/1)" or <see cref="Certificate"/>.</summary>
    public required string Channel { get; init; }

    /// <summary>How the lab saw it: "lab DHCP listener", "capture packet #12", "lab TLS (client certificate)", "probe TLS (server certificate)".</summary>
    public required string Via { get; init; }

    public required string Url { get; init; }

    /// <summary>The option's length for DHCP and LLDP; null for the certificate.</summary>
    public int? Octets { get; init; }

    public DateTimeOffset? Time { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public JsonObject ToJson() => new()
    {
        ["channel"] = Channel,
        ["via"] = Via,
        ["url"] = DeviceText.Clip(Url, 300),
        ["octets"] = Octets,
        ["time"] = Time?.ToString("O"),
        ["problems"] = new JsonArray(Problems.Select(p => (JsonNode?)p).ToArray()),
    };
}
