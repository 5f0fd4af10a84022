using System.Text.Json;
using System.Text.Json.Serialization;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>The reference device's config file, configVersion 1 (fixtures/README.md), as the rig writes it into rig/.</summary>
public sealed record DeviceConfig
{
    public int ConfigVersion { get; init; } = 1;
    public required string Model { get; init; }
    public required string SerialNumber { get; init; }
    public required string FirmwareVersion { get; init; }
    public string Personality { get; init; } = "compliant";
    public required string StateDir { get; init; }
    public required string SerialDevice { get; init; }
    public required string IpAddress { get; init; }
    public required string LabAddress { get; init; }
    public int LabDnsPort { get; init; }
    public int LabDhcpPort { get; init; }
    public int WebHttpsPort { get; init; }
    public required string MudUrl { get; init; }
    public string? DeviceCertPath { get; init; }
    public string? DeviceKeyPath { get; init; }
    public string? CloudTrustAnchorPath { get; init; }
    public IReadOnlyList<string> CloudNames { get; init; } = [];
    public int CloudPort { get; init; }
    public int TelemetryPeriodMs { get; init; }
    public int BootDelayMs { get; init; }

    /// <summary>The only destinations the device talks to; null: the device's default, 127.0.0.0/8.</summary>
    public IReadOnlyList<string>? AllowedNetworks { get; init; }

    /// <summary><c>inform</c> (unicast DHCPINFORM) or <c>client</c> (broadcast DISCOVER/REQUEST on <see cref="NetworkInterface"/>); null: inform.</summary>
    public string? DhcpMode { get; init; }

    public string? NetworkInterface { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task WriteAsync(string path, CancellationToken ct) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Options), ct);
}
