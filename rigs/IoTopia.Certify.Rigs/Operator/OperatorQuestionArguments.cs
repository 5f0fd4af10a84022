using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>What both operator steps take: the answer's key, the question, and how long the operator has.</summary>
public abstract class OperatorQuestionArguments : IOperatorQuestion, IValidatableArguments
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromMinutes(5);

    /// <summary>Files the answer: <c>answers.&lt;scenario-id&gt;.&lt;key&gt;</c> in an answers file, and the evidence file's label.</summary>
    public required string Key { get; init; }

    /// <summary>What to do or read, and the question, as the operator sees it.</summary>
    public required string Question { get; init; }

    /// <summary>The operator's deadline; no answer by then is <c>error</c>.</summary>
    public TimeSpan Within { get; init; } = DefaultWithin;

    public abstract IReadOnlyList<string>? Choices { get; }

    public IEnumerable<string> Validate() => Common().Concat(Own());

    /// <summary>The problems of a question's own arguments.</summary>
    protected virtual IEnumerable<string> Own() => [];

    private IEnumerable<string> Common()
    {
        if (!AnswersLoader.KeyName().IsMatch(Key))
            yield return $"key: '{Key}' must be 1–64 lower-case letters, digits, '.', '-' or '_' (it names the answer in an answers file)";
        if (Question.Trim().Length == 0)
            yield return "question: empty; say what the operator is to do or read";
        if (Within <= TimeSpan.Zero)
            yield return "within: must be more than 0";
    }
}
