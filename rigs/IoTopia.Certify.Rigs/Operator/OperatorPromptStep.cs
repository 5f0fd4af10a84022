using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Operator;

/// <summary>
/// Asks the person at the bench for a value ("the serial number on the DUT's label"). The whole answer must match
/// <c>pattern</c> (anchored at both ends: a match inside a longer answer does not count), and equal <c>must-equal</c> (a
/// rig or statement fact such as <c>${dut.serial}</c>); either failing is <c>fail</c> with both values. No answer by the
/// deadline is <c>error</c>. On resume a value this run already recorded is taken from the journal, not asked again.
/// </summary>
[Needs(typeof(IOperatorProtocol))]
[Step("operator.prompt", "Asks the person at the bench for a value; the whole answer must match pattern and equal must-equal, else fail; no answer in time is error.")]
public sealed class OperatorPromptStep : Step<OperatorPromptStep.Arguments>
{
    public sealed class Arguments : OperatorQuestionArguments
    {
        /// <summary>A regular expression the whole answer must match.</summary>
        public string? Pattern { get; init; }

        /// <summary>The value the answer must be, exactly (e.g. <c>${dut.serial}</c>).</summary>
        public string? MustEqual { get; init; }

        public override IReadOnlyList<string>? Choices => null;

        protected override IEnumerable<string> Own()
        {
            if (Pattern is not null && SerialPatterns.Problem(Pattern, "pattern") is { } bad)
                yield return bad;
            if (MustEqual is { } expected && expected.Trim().Length == 0)
                yield return "must-equal: empty; an answer is never empty";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var hint = args.Pattern is null ? "Type the value" : $"Type the value (the whole of it must match /{args.Pattern}/)";
        var question = new OperatorQuestion(context.Attempt.Scenario.Id, context.Seq, args.Key, args.Question, hint, args.Within);
        var exchange = new OperatorExchange(context, "prompt", question);
        var checks = new Dictionary<string, string>();
        if (args.Pattern is { } p)
            checks["pattern"] = p;
        if (args.MustEqual is { } e)
            checks["must-equal"] = exchange.Shown(e); // a secret answer's expected value is as secret
        var reply = await exchange.AskAsync(reuseEarlier: true, checks, ct);
        if (reply.Answer is not { } answer)
            return StepOutcome.Error($"no answer from the operator: {reply.NoAnswer}");
        var shown = exchange.Shown(answer);
        if (args.Pattern is { } pattern && !Whole(pattern).IsMatch(answer))
            return StepOutcome.Fail($"the operator's answer '{shown}' does not have the form /{pattern}/ (the whole answer must match)",
                expected: $"/{pattern}/ (whole answer)", observed: shown);
        if (args.MustEqual is { } expected && !string.Equals(answer, expected.Trim(), StringComparison.Ordinal))
            return StepOutcome.Fail($"the operator read '{shown}' where the rig or statement gives '{exchange.Shown(expected.Trim())}'",
                expected: exchange.Shown(expected.Trim()), observed: shown);
        return StepOutcome.Pass($"the operator answered '{shown}'{(args.MustEqual is null ? "" : ", as expected")}");
    }

    /// <summary>The pattern anchored at both ends of the answer (\A and \z: not before a final line break, as $ would).</summary>
    private static Regex Whole(string pattern) => SerialPatterns.Build($@"\A(?:{pattern})\z");
}
