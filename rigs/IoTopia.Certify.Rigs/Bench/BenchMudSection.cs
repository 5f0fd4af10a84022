namespace IoTopia.Certify.Rigs.Bench;

/// <summary><c>drivers.mud</c> of a bench rig file: the manufacturer's MUD publication for the DUT (paths relative to the rig file), what the intent suite judges by. A resource, not a driver.</summary>
public sealed class BenchMudSection
{
    public required string File { get; init; }
    public string? Signature { get; init; }
    public required string TrustAnchor { get; init; }
}
