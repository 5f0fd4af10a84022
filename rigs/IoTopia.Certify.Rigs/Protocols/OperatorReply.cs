namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>What came back for an <see cref="OperatorQuestion"/>: the answer (trimmed) and when, or why there is none.</summary>
public sealed record OperatorReply(string? Answer, string Source, DateTimeOffset AskedAt, DateTimeOffset? AnsweredAt, string? NoAnswer = null)
{
    public static OperatorReply None(string source, DateTimeOffset askedAt, string why) => new(null, source, askedAt, null, why);
}
