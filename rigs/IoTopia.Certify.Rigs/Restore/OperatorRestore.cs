using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Operator;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>
/// A bench where a person restores the DUT: before each scenario the run's operator (the person at certify's terminal)
/// is asked to do it and to answer yes when the DUT is in its factory state, within a deadline. The question goes
/// through the run's <c>operator</c> capability, so it takes the terminal from the live view like every operator
/// question. An answers file cannot restore a DUT: a run given one is refused here, saying so.
/// </summary>
[DriverBackend("restore", "operator", "a person at the bench restores the DUT and answers yes (needs the run's operator at a terminal)")]
public sealed class OperatorRestore(string instructions, TimeSpan timeout) : IRestoreProtocol, IDriverBackend<OperatorRestore, OperatorRestore.Options>
{
    /// <summary>The question's key (in the journal's operator answers).</summary>
    public const string Key = "restore";

    public static readonly IReadOnlyList<string> Answers = ["yes", "no", "y", "n"];

    public sealed class Options : IValidatableArguments
    {
        public string Instructions { get; init; } = "Restore the DUT to its factory state";
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

        public IEnumerable<string> Validate()
        {
            if (Timeout <= TimeSpan.Zero)
                yield return "timeout: must be more than 0";
        }
    }

    public static OperatorRestore Create(Options options, BackendContext context) => new(options.Instructions, options.Timeout);

    public static string Resource(Options options) => "the operator at the terminal";

    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct)
    {
        const string label = "restore by operator";
        if (!attempt.Run.Rig.Drivers.TryGet<IOperatorProtocol>(out var person))
            throw new InvalidOperationException($"{label}: the run has no 'operator' capability (nobody is at the bench: no terminal, or CI)");
        if (person is AnswersFileOperator)
            throw new InvalidOperationException($"{label}: the run's operator is an answers file, which cannot restore a DUT; run certify from a terminal at the bench, or give the rig a restore command");
        var question = new OperatorQuestion(attempt.Scenario.Id, 0, Key, $"{instructions}. Is the DUT in its factory state?", "Type yes when it is (no if it cannot be done)", timeout)
        {
            Choices = Answers,
        };
        var reply = await person.AskAsync(question, ct);
        switch (reply.Answer?.ToLowerInvariant())
        {
            case null:
                throw new TimeoutException($"{label}: {reply.NoAnswer}");
            case "no" or "n":
                throw new InvalidOperationException($"{label}: the operator answered no: the DUT was not restored");
        }
        attempt.Run.Journal.Append(new Note
        {
            ScenarioId = attempt.Scenario.Id,
            Text = "restore: the operator confirmed the DUT is in its factory state",
            Data = new JsonObject { ["asked-at"] = reply.AskedAt, ["confirmed-at"] = reply.AnsweredAt, ["source"] = reply.Source },
        });
    }
}
