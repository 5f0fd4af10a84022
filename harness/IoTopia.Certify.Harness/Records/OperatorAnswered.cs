namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// A question put to the person at the bench and its answer (<c>operator.confirm</c>, <c>operator.prompt</c>): written
/// as soon as the answer is in, so a resumed run finds it. A secret answer (its key says so) is never written: only
/// that it was given. No answer in time leaves <see cref="Answer"/> null with <see cref="NoAnswer"/> saying why.
/// </summary>
public sealed record OperatorAnswered : JournalEvent
{
    public required string ScenarioId { get; init; }
    public required int Attempt { get; init; }
    public required int StepSeq { get; init; }
    public required string Key { get; init; }

    /// <summary>confirm (yes or no) or prompt (a value).</summary>
    public required string Kind { get; init; }
    public required string Question { get; init; }
    public string? Answer { get; init; }
    public bool Secret { get; init; }
    public string? NoAnswer { get; init; }

    /// <summary>Where the answer came from: the terminal, the answers file (file:line), or the journal of the run being resumed.</summary>
    public required string Source { get; init; }
    public required DateTimeOffset AskedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public required DateTimeOffset Deadline { get; init; }
}
