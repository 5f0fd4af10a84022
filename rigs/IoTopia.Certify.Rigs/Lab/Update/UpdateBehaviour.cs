namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>
/// A transport behaviour and its parameters: <see cref="Bit"/> for bit-flip (else <see cref="Seed"/> picks it),
/// <see cref="Bytes"/> for truncate (bytes sent) and trickle (bytes a second), <see cref="Status"/> for status,
/// <see cref="ReplayOf"/> for replay (the earlier offer's number at the path), <see cref="Deadline"/> for how long one response may take.
/// </summary>
public sealed record UpdateBehaviour
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public UpdateBehaviourKind Kind { get; init; } = UpdateBehaviourKind.Genuine;
    public long? Bit { get; init; }
    public int? Seed { get; init; }
    public long Bytes { get; init; }
    public int Status { get; init; }
    public int? ReplayOf { get; init; }
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    public static UpdateBehaviour Genuine { get; } = new();

    /// <summary>What is wrong with this behaviour for an artefact of <paramref name="size"/> bytes (null: none); messages name the argument.</summary>
    public IEnumerable<string> Problems(long? size)
    {
        if (Deadline <= TimeSpan.Zero)
            yield return "deadline: must be positive";
        switch (Kind)
        {
            case UpdateBehaviourKind.BitFlip when Bit is < 0 || (Bit is { } bit && size is { } s && bit >= s * 8):
                yield return $"bit: {Bit} is not a bit of the artefact (0-{(size ?? 0) * 8 - 1})";
                break;
            case UpdateBehaviourKind.BitFlip when size == 0:
                yield return "bit-flip: the artefact is empty";
                break;
            case UpdateBehaviourKind.Truncate when Bytes < 0 || (size is { } s && Bytes >= s):
                yield return $"bytes: {Bytes} does not truncate the artefact (0-{(size ?? 1) - 1})";
                break;
            case UpdateBehaviourKind.Trickle when Bytes is < 1 or > 100_000_000:
                yield return $"bytes: {Bytes} is not a rate (1-100000000 bytes a second)";
                break;
            case UpdateBehaviourKind.Status when Status is < 400 or > 599:
                yield return $"status: {Status} is not a 4xx or 5xx status";
                break;
            case UpdateBehaviourKind.Replay when ReplayOf is < 1:
                yield return $"of: {ReplayOf} is not an offer number (1, 2 …)";
                break;
        }
    }
}
