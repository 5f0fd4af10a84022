namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// One question for the person at the bench: who asks (scenario, step, key), what to do or read, what to type, and
/// by when. <see cref="Choices"/> lists the only answers taken (yes, no), or is null for a value.
/// </summary>
public sealed record OperatorQuestion(string ScenarioId, int StepSeq, string Key, string Text, string Hint, TimeSpan Within)
{
    /// <summary>When the answer is due: <see cref="Within"/> from when the question was made.</summary>
    public DateTimeOffset Deadline { get; init; } = DateTimeOffset.UtcNow + Within;

    public IReadOnlyList<string>? Choices { get; init; }
}
