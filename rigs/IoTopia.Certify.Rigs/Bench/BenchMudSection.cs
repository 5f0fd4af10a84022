using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary><c>drivers.mud</c> of a bench rig file: the manufacturer's MUD publication for the DUT (paths relative to the rig file), what the intent suite judges by. A resource, not a driver.</summary>
public sealed class BenchMudSection : IValidatableArguments
{
    public required string File { get; init; }

    /// <summary>The detached signature, if the manufacturer published one (without it IOT-INT-03 fails: unsigned).</summary>
    public string? Signature { get; init; }

    /// <summary>The anchor the signature must chain to: required with a signature, optional without one.</summary>
    public string? TrustAnchor { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Signature is not null && TrustAnchor is null)
            yield return "trust-anchor: required with signature: (the manufacturer's anchor the signature must chain to)";
    }
}
