namespace IoTopia.Certify.Harness.Model;

/// <summary>One scripted test case, as loaded from a suite file.</summary>
public sealed record Scenario
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public ScenarioKind Kind { get; init; } = ScenarioKind.Certification;
    public IReadOnlyList<string> Requirements { get; init; } = [];
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Parameters that must name an existing file (a signed image, a voucher); otherwise skipped (artefact-missing).</summary>
    public IReadOnlyList<string> Artefacts { get; init; } = [];

    /// <summary>IXIT facts the scenario reads (<c>${ixit.name}</c>) that the conformance statement does not give: skipped (artefact-missing).</summary>
    public IReadOnlyList<string> MissingIxit { get; init; } = [];

    /// <summary>Facts about the DUT (<c>${dut.name}</c>) the rig file does not give: skipped on this rig (capability-missing).</summary>
    public IReadOnlyList<string> MissingDutFacts { get; init; } = [];
    public IReadOnlyList<StepCall> Steps { get; init; } = [];
    public IReadOnlyList<StepCall> Cleanup { get; init; } = [];
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    public int Retries { get; init; }
    public string? Continues { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public required SourceLocation Location { get; init; }
}
