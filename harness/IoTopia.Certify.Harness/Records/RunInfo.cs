using System.Text.Json.Nodes;

namespace IoTopia.Certify.Harness.Records;

/// <summary>Run provenance, as results.json's <c>run</c> object (CONTRACTS.md).</summary>
public sealed record RunInfo
{
    public required string Id { get; init; }
    public required HarnessInfo Harness { get; init; }
    public required RigInfo Rig { get; init; }
    public required DutInfo Dut { get; init; }
    public required string Tier { get; init; }
    public required string Operator { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; set; }
    public required long Seed { get; init; }
    public required IReadOnlyList<InputFile> Inputs { get; init; }
    public required IReadOnlyDictionary<string, string> Tools { get; init; }
}

public sealed record HarnessInfo(string Version, string Commit);

public sealed record RigInfo(string Name, string File, string Sha256)
{
    /// <summary>
    /// The rig-kind options in effect (CONTRACTS.md): those the run gave (e.g. the reference device's personality)
    /// and those the kind chose when it started (e.g. its address slot). Null when there are none.
    /// </summary>
    public JsonObject? Options { get; init; }
}

public sealed record DutInfo
{
    public required string Model { get; init; }
    public required string Serial { get; init; }
    public required string Firmware { get; init; }
}

/// <summary>
/// An input of the run: where it was, the SHA-256 of its copy inside the run folder, and that copy. A rig file or
/// statement holding secrets is copied redacted (<see cref="Secrets"/>): its SHA-256 is then the redacted copy's.
/// </summary>
public sealed record InputFile
{
    public required string Path { get; init; }
    public required string Sha256 { get; init; }
    public required string Role { get; init; }
    public required string Copy { get; init; }

    /// <summary>The secret values redacted in the copy, in file order; null when the copy is the file itself.</summary>
    public IReadOnlyList<InputSecret>? Secrets { get; init; }
}

/// <summary>The options a run was started with, kept so <c>resume</c> continues exactly the same run.</summary>
public sealed record RunOptionsRecord
{
    public required string Rig { get; init; }
    public required IReadOnlyList<string> Suites { get; init; }
    public string? Filter { get; init; }
    public string? Tier { get; init; }
    public string? Statement { get; init; }
    public string? Decisions { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> RigOptions { get; init; } = new Dictionary<string, string>();
    public string? SignKey { get; init; }

    /// <summary>The answers file (<c>--answers</c>), read again on resume.</summary>
    public string? Answers { get; init; }
}

/// <summary>One scenario of the plan: what it verifies, and why it will not run when it will not.</summary>
public sealed record PlannedScenario
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Model.ScenarioKind Kind { get; init; }
    public required IReadOnlyList<string> Requirements { get; init; }
    public Verdicts.SkipReason? Skip { get; init; }
    public string? SkipDetail { get; init; }
}
