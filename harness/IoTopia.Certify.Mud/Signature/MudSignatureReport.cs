namespace IoTopia.Certify.Mud.Signature;

/// <summary>
/// The outcome of verifying a MUD file's detached CMS signature: valid only with no failures.
/// <see cref="TimeValidity"/> always says how validity periods were treated (checked now, as of a time, or waived).
/// </summary>
public sealed record MudSignatureReport
{
    public required bool Valid { get; init; }

    public required IReadOnlyList<string> Failures { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public string? Signer { get; init; }

    /// <summary>The chain from the signer to the anchor, as subjects; empty when none was built.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    public required string TimeValidity { get; init; }

    public bool TimeWaived { get; init; }
}
