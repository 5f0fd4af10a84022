namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>One reading of the DUT's power state from its backend.</summary>
/// <param name="State">what the backend reports; <see cref="PowerState.Unknown"/> when its answer matched neither the on nor the off pattern</param>
/// <param name="Said">the backend's own words (a status command's output, a status URL's body), or null when it has none</param>
/// <param name="CannotRead">why the backend cannot report the state at all (no status command given), or null</param>
public sealed record PowerReading(PowerState State, string? Said = null, string? CannotRead = null)
{
    public static PowerReading Unreadable(string why) => new(PowerState.Unknown, null, why);
}
