namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// What <see cref="MudFileSource"/> found: the MUD file to judge by, or the outcome to stop with; whether it is the
/// file the DUT points to — <see cref="Mismatch"/> when the URL the DUT announced is not the file's (or the
/// statement's), <see cref="Untied"/> when the DUT's URL was not read, so the rig's file cannot be tied to it.
/// </summary>
internal sealed record MudFileLookup(CheckedMudFile? File, Harness.Steps.StepOutcome? Stop)
{
    public string? Mismatch { get; init; }

    public string? Untied { get; init; }
}
