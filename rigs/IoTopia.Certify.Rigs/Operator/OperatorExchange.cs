using System.Text;
using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Secrets;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>
/// One question and its answer, as both operator steps ask it: put to the run's operator (or, for a value on resume,
/// taken from the journal of the run being resumed), then recorded in the journal, the step's details and an evidence
/// file. A secret answer (its key names a password, token, key …) is never written, only that it was given.
/// </summary>
internal sealed class OperatorExchange(StepContext context, string kind, OperatorQuestion question)
{
    public const string Secret = "(secret)";

    public bool IsSecret { get; } = SecretRule.SecretWord(question.Key) is not null;

    /// <summary>The answer as records and reasons may show it.</summary>
    public string Shown(string answer) => IsSecret ? Secret : answer;

    /// <param name="reuseEarlier">take an answer this run recorded before it was resumed (a value read off the DUT does not change)</param>
    /// <param name="checks">what the answer is checked against, for the record (pattern, must-equal)</param>
    public async Task<OperatorReply> AskAsync(bool reuseEarlier, IReadOnlyDictionary<string, string> checks, CancellationToken ct)
    {
        var reply = (reuseEarlier ? Earlier() : null) ?? await AskOperatorAsync(ct);
        await RecordAsync(reply, checks, ct);
        return reply;
    }

    private OperatorReply? Earlier() =>
        context.Attempt.Run.EarlierAnswers
            .LastOrDefault(a => a.ScenarioId == question.ScenarioId && a.Key == question.Key && a.Kind == kind && a.Answer is not null && !a.Secret) is { } earlier
            ? new OperatorReply(earlier.Answer, $"journal (answered at {earlier.AnsweredAt:O} from the {earlier.Source}, before the run was resumed)",
                DateTimeOffset.UtcNow, earlier.AnsweredAt)
            : null;

    private async Task<OperatorReply> AskOperatorAsync(CancellationToken ct)
    {
        var asked = DateTimeOffset.UtcNow;
        if (context.Drivers.Find<IOperatorProtocol>() is not { } person)
            return OperatorReply.None("none", asked, "the run has no operator (no terminal, CI, and no --answers file)");
        return await person.AskAsync(question, ct);
    }

    private async Task RecordAsync(OperatorReply reply, IReadOnlyDictionary<string, string> checks, CancellationToken ct)
    {
        var answer = reply.Answer is null ? null : Shown(reply.Answer);
        context.Attempt.Run.Journal.Append(new OperatorAnswered
        {
            ScenarioId = question.ScenarioId,
            Attempt = context.Attempt.Number,
            StepSeq = context.Seq,
            Key = question.Key,
            Kind = kind,
            Question = question.Text,
            Answer = IsSecret ? null : reply.Answer,
            Secret = IsSecret && reply.Answer is not null,
            NoAnswer = reply.NoAnswer,
            Source = reply.Source,
            AskedAt = reply.AskedAt,
            AnsweredAt = reply.AnsweredAt,
            Deadline = question.Deadline,
        });
        var d = context.Details;
        d["key"] = question.Key;
        d["question"] = question.Text;
        d["answer"] = answer;
        if (reply.NoAnswer is { } why)
            d["no-answer"] = why;
        d["source"] = reply.Source;
        d["asked-at"] = reply.AskedAt;
        d["answered-at"] = reply.AnsweredAt;
        d["deadline"] = question.Deadline;
        foreach (var (name, value) in checks)
            d[name] = value;

        var text = new StringBuilder()
            .Append("question: ").AppendLine(question.Text)
            .Append("key: ").AppendLine(question.Key)
            .Append("asked: ").AppendLine(question.Hint)
            .Append("asked-at: ").AppendLine(reply.AskedAt.ToString("O"))
            .Append("deadline: ").AppendLine(question.Deadline.ToString("O"))
            .Append("answer: ").AppendLine(answer ?? $"(none: {reply.NoAnswer})")
            .Append("answered-at: ").AppendLine(reply.AnsweredAt?.ToString("O") ?? "-")
            .Append("source: ").AppendLine(reply.Source);
        foreach (var (name, value) in checks)
            text.Append(name).Append(": ").AppendLine(value);
        await context.WriteEvidenceAsync("txt", "operator-answer", text.ToString(), question.Key, ct);
    }
}
