using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>What every scenario of one run shares: the run folder, journal, evidence store, rig and seed.</summary>
public sealed class RunContext
{
    public required RunFolder Folder { get; init; }
    public required Journal Journal { get; init; }
    public required EvidenceStore Evidence { get; init; }
    public required RigRuntime Rig { get; init; }
    public required StepRegistry Steps { get; init; }
    public required long Seed { get; init; }
    public string? Personality { get; init; }

    /// <summary>Cancelled on Ctrl-C or SIGTERM: the run stops after cleanup and can be resumed.</summary>
    public CancellationToken Interrupted { get; init; }
}
