using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>
/// A yes-or-no question for the person at the bench ("Hold RESET for 10 s. Did the LED blink?"). Only an explicit yes
/// passes. What a no means is the suite's to say: <c>no-means: fail</c> when it is the device failing, <c>no-means: error</c>
/// when it is the bench action not done. No answer by the deadline is <c>error</c>.
/// </summary>
[Needs(typeof(IOperatorProtocol))]
[Step("operator.confirm", "Asks the person at the bench a yes/no question; only yes passes, no is fail or error as no-means says, no answer in time is error.")]
public sealed class OperatorConfirmStep : Step<OperatorConfirmStep.Arguments>
{
    public static readonly IReadOnlyList<string> Answers = ["yes", "no", "y", "n"];

    public enum NoVerdict
    {
        /// <summary>No is the device failing the check.</summary>
        Fail,

        /// <summary>No is the bench action not done: the lab's problem.</summary>
        Error,
    }

    public sealed class Arguments : OperatorQuestionArguments
    {
        public required NoVerdict NoMeans { get; init; }

        public override IReadOnlyList<string>? Choices => Answers;
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var question = new OperatorQuestion(context.Attempt.Scenario.Id, context.Seq, args.Key, args.Question, "Type yes or no", args.Within) { Choices = Answers };
        var exchange = new OperatorExchange(context, "confirm", question);
        // a bench action is done again in a retried attempt, so a confirmation is never taken from an earlier one
        var reply = await exchange.AskAsync(reuseEarlier: false, new Dictionary<string, string> { ["no-means"] = args.NoMeans.ToString().ToLowerInvariant() }, ct);
        return reply.Answer?.ToLowerInvariant() switch
        {
            null => StepOutcome.Error($"no answer from the operator: {reply.NoAnswer}"),
            "yes" or "y" => StepOutcome.Pass($"the operator answered yes: {args.Question}"),
            "no" or "n" when args.NoMeans == NoVerdict.Fail =>
                StepOutcome.Fail($"the operator answered no: {args.Question}", expected: "yes", observed: "no"),
            "no" or "n" => StepOutcome.Error($"the operator answered no (the bench action was not done): {args.Question}"),
            _ => StepOutcome.Error($"'{exchange.Shown(reply.Answer!)}' answers neither yes nor no ({reply.Source})"),
        };
    }
}
