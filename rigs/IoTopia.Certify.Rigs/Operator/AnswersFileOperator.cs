using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>
/// The operator's answers given ahead in a file (<c>certify run --answers FILE</c>): nobody is asked; each question
/// takes the file's answer under its scenario and key. The run checked the file against the suite before it started,
/// so a missing answer here is a scenario the check did not plan (it says so, never guesses).
/// </summary>
public sealed class AnswersFileOperator(AnswersFile answers) : IOperatorProtocol
{
    public AnswersFile File { get; } = answers;

    public Task<OperatorReply> AskAsync(OperatorQuestion question, CancellationToken ct)
    {
        var asked = DateTimeOffset.UtcNow;
        return Task.FromResult(File.Find(question.ScenarioId, question.Key) is { } answer
            ? new OperatorReply(answer.Value, $"answers file {answer.Location}", asked, asked)
            : OperatorReply.None($"answers file {File.File}", asked, $"{File.File} gives no answer for answers.{question.ScenarioId}.{question.Key}"));
    }
}
