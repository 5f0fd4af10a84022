using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>
/// The person at certify's terminal: each question goes to <paramref name="prompt"/> (stderr) with what to do, what to
/// type and the deadline, and the answer is the next line typed on <paramref name="input"/> (stdin). An answer a
/// question does not take (not yes or no; empty) is asked for again until the deadline. The terminal is taken from the
/// live progress view for the question (<paramref name="takeTerminal"/>), so the two never draw over each other.
/// </summary>
public sealed class TerminalOperator(TextReader input, TextWriter prompt, Func<CancellationToken, Task<IDisposable>> takeTerminal) : IOperatorProtocol
{
    public const string Source = "terminal";

    private readonly SemaphoreSlim _oneQuestion = new(1, 1);
    private Task<string?>? _pending;

    public async Task<OperatorReply> AskAsync(OperatorQuestion question, CancellationToken ct)
    {
        await _oneQuestion.WaitAsync(ct);
        try
        {
            using var terminal = await takeTerminal(ct);
            // a line typed before the question was shown is no answer to it
            if (_pending is { IsCompleted: true })
                _pending = null;
            var asked = DateTimeOffset.UtcNow;
            await prompt.WriteAsync(Render(question));
            await prompt.FlushAsync(ct);
            while (true)
            {
                var left = question.Deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero)
                    return await TimedOutAsync(question, asked, ct);
                // TextReader.ReadLine ignores cancellation: a read left over from a question that timed out serves the next one
                var read = _pending ??= Task.Run(input.ReadLine, CancellationToken.None);
                string? line;
                try
                {
                    line = await read.WaitAsync(left, ct);
                }
                catch (TimeoutException)
                {
                    return await TimedOutAsync(question, asked, ct);
                }
                _pending = null;
                if (line is null)
                    return OperatorReply.None(Source, asked, "the terminal's input closed before an answer");
                var answer = line.Trim();
                var problem = Problem(question, answer);
                if (problem is null)
                {
                    await prompt.WriteLineAsync($"[certify] answer recorded.");
                    await prompt.FlushAsync(ct);
                    return new OperatorReply(answer, Source, asked, DateTimeOffset.UtcNow);
                }
                await prompt.WriteAsync($"[certify] {problem}. {question.Hint} (by {question.Deadline:HH:mm:ss} UTC)\n> ");
                await prompt.FlushAsync(ct);
            }
        }
        finally
        {
            _oneQuestion.Release();
        }
    }

    private static string? Problem(OperatorQuestion question, string answer) =>
        answer.Length == 0 ? "nothing typed"
        : answer.Length > AnswersLoader.MaxAnswerLength ? $"the answer is longer than {AnswersLoader.MaxAnswerLength} characters"
        : question.Choices is { } choices && !choices.Contains(answer.ToLowerInvariant(), StringComparer.Ordinal) ? $"'{DeviceText.ForTerminal(answer, 40)}' is not one of {string.Join(", ", choices)}"
        : null;

    private async Task<OperatorReply> TimedOutAsync(OperatorQuestion question, DateTimeOffset asked, CancellationToken ct)
    {
        var why = $"no answer by {question.Deadline:HH:mm:ss} UTC (within {Duration.Format(question.Within)} of the question)";
        await prompt.WriteLineAsync($"\n[certify] {why}: the step is error.");
        await prompt.FlushAsync(ct);
        return OperatorReply.None(Source, asked, why);
    }

    /// <summary>The question as the operator sees it; suite text may hold rig facts, so it is made safe for a terminal.</summary>
    public static string Render(OperatorQuestion question) =>
        $"""

         ===== certify: the operator's turn ({question.ScenarioId}, {(question.StepSeq > 0 ? $"step {question.StepSeq:D3}" : "before its steps")}, key {question.Key}) =====
         {DeviceText.ForTerminal(question.Text, 2000)}
         {DeviceText.ForTerminal(question.Hint, 300)} and press Enter, by {question.Deadline:HH:mm:ss} UTC (within {Duration.Format(question.Within)}).
         > 
         """;
}
