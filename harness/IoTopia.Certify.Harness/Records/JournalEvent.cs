using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Records;

/// <summary>One line of journal.jsonl. The journal is the run's record; results.json is derived from it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "run-started")]
[JsonDerivedType(typeof(RunResumed), "run-resumed")]
[JsonDerivedType(typeof(ScenarioSkipped), "scenario-skipped")]
[JsonDerivedType(typeof(ScenarioStarted), "scenario-started")]
[JsonDerivedType(typeof(AttemptStarted), "attempt-started")]
[JsonDerivedType(typeof(StepStarted), "step-started")]
[JsonDerivedType(typeof(StepEnded), "step-ended")]
[JsonDerivedType(typeof(EvidenceAdded), "evidence-added")]
[JsonDerivedType(typeof(ActivityEvent), "activity")]
[JsonDerivedType(typeof(ProcessStarted), "process-started")]
[JsonDerivedType(typeof(ProcessEnded), "process-ended")]
[JsonDerivedType(typeof(AttemptEnded), "attempt-ended")]
[JsonDerivedType(typeof(ScenarioEnded), "scenario-ended")]
[JsonDerivedType(typeof(RunInterrupted), "run-interrupted")]
[JsonDerivedType(typeof(RunEnded), "run-ended")]
[JsonDerivedType(typeof(Note), "note")]
[JsonDerivedType(typeof(RigStarted), "rig-started")]
[JsonDerivedType(typeof(RunSigned), "run-signed")]
[JsonDerivedType(typeof(OperatorAnswered), "operator-answered")]
public abstract record JournalEvent
{
    public long Seq { get; set; }
    public DateTimeOffset Time { get; set; }
}

public sealed record RunStarted : JournalEvent
{
    public required RunInfo Run { get; init; }
    public required RunOptionsRecord Options { get; init; }
    public required IReadOnlyList<PlannedScenario> Plan { get; init; }
}

public sealed record RunResumed : JournalEvent
{
    public int Pid { get; init; }
    public long TornBytesDropped { get; init; }
    public IReadOnlyList<int> ReapedPids { get; init; } = [];
}

public sealed record ScenarioSkipped : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required SkipReason Reason { get; init; }
    public required string Detail { get; init; }
}

public sealed record ScenarioStarted : JournalEvent
{
    public required string ScenarioId { get; init; }
}

public sealed record AttemptStarted : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
}

public sealed record StepStarted : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
    public required int StepSeq { get; init; }
    public required string Name { get; init; }
    public required StepPhase Phase { get; init; }
}

public sealed record StepEnded : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
    public required StepRecord Step { get; init; }
}

/// <summary>Evidence closed after its step ended (a background activity), or run-long evidence (<c>_run</c>).</summary>
public sealed record EvidenceAdded : JournalEvent
{
    public required string ScenarioId { get; init; }
    public int Attempt { get; init; }
    public int StepSeq { get; init; }
    public required EvidenceRecord Evidence { get; init; }
}

public sealed record ActivityEvent : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
    public required string Name { get; init; }
    public required string State { get; init; }
    public string? Detail { get; init; }
}

public sealed record ProcessStarted : JournalEvent
{
    public required int Pid { get; init; }
    public required long StartTicks { get; init; }
    public required string Command { get; init; }
    public string? ScenarioId { get; init; }
}

public sealed record ProcessEnded : JournalEvent
{
    public required int Pid { get; init; }
    public int? ExitCode { get; init; }
    public bool Killed { get; init; }
}

public sealed record AttemptEnded : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    public bool Interrupted { get; init; }
}

public sealed record ScenarioEnded : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
}

public sealed record RunInterrupted : JournalEvent
{
    public required string Reason { get; init; }
}

public sealed record RunEnded : JournalEvent;

/// <summary>
/// The rig is up: the rig-kind options it used (recorded under <c>run.rig.options</c>: e.g. the personality and
/// address slot of a reference-device rig) and whatever else identifies the bench for this run.
/// </summary>
public sealed record RigStarted : JournalEvent
{
    public JsonObject? Options { get; init; }
    public JsonObject? Details { get; init; }
}

public sealed record Note : JournalEvent
{
    public string? ScenarioId { get; init; }
    public required string Text { get; init; }
    public JsonObject? Data { get; init; }
}

/// <summary>
/// The run's manifest is signed by this certificate. Written before the manifest, which covers the
/// journal, so a deleted or replaced signature is found without options.
/// </summary>
public sealed record RunSigned : JournalEvent
{
    public required string Signer { get; init; }
    public required string CertificateSha256 { get; init; }
}
