namespace IoTopia.Certify.Mud.Model;

/// <summary>RFC 9472 <c>transparency</c>: where to find the device's SBOMs and vulnerability information.</summary>
public sealed record MudTransparency
{
    public IReadOnlyList<SbomLocation> Sboms { get; init; } = [];

    /// <summary><c>sbom-local-well-known</c>: http, https, coap or coaps (the device serves its SBOM itself).</summary>
    public string? SbomLocalWellKnown { get; init; }

    public string? SbomContactUri { get; init; }

    public string? SbomArchiveList { get; init; }

    public IReadOnlyList<string> VulnUrls { get; init; } = [];

    public string? VulnContactUri { get; init; }

    public required SourceLocation Location { get; init; }
}
