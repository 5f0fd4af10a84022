using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

[Needs(typeof(IConsoleProtocol))]
[Step("power.cut-wait", "Waits for the cut armed by power.cut-when; records when it was made (cut-delay after the match). Not in time: fail, and the cut is disarmed.")]
public sealed class PowerCutWaitStep : Step<PowerCutWaitStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        [ShortForm]
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        public IEnumerable<string> Validate()
        {
            if (Within <= TimeSpan.Zero)
                yield return "within: must be more than 0";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var activity = context.Activities.Get<PowerCutActivity>(PowerCutActivity.Name);
        var since = DateTimeOffset.UtcNow;
        PowerCut cut;
        try
        {
            cut = await activity.Cut.WaitAsync(args.Within, ct);
        }
        catch (TimeoutException)
        {
            await context.Activities.StopAsync(PowerCutActivity.Name, ct);
            var console = context.Drivers.Get<IConsoleProtocol>();
            var pattern = activity.Pattern.ToString();
            var outcome = await SerialOutcomes.NotSeenAsync(context, console, $"/{pattern}/ (the power cut's trigger)", pattern, activity.From, since,
                args.Within, null, ct);
            var late = activity.Cut.IsCompletedSuccessfully ? "; the power was cut only after the deadline" : "; the power was not cut and the cut is disarmed";
            return outcome with { Reason = outcome.Reason + late };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return StepOutcome.Error("the power cut was stopped before it happened");
        }
        await context.Activities.StopAsync(PowerCutActivity.Name, ct);

        var delay = cut.Delay.TotalMilliseconds;
        context.Measure(Measurement.Of("cut-delay", Math.Round(delay, 1), "ms"));
        context.Details["match"] = SerialOutcomes.Describe(cut.Match, cut.Match.At);
        context.Details["cut"] = new JsonObject
        {
            ["after-ms"] = cut.After.TotalMilliseconds,
            ["match-at"] = cut.Match.At,
            ["cut-at"] = cut.CutAt,
            ["off-at"] = cut.OffAt,
            ["late-ms"] = Math.Round(delay - cut.After.TotalMilliseconds, 1),
        };
        return StepOutcome.Pass($"power cut {delay:0} ms after the match (asked: {Duration.Format(cut.After)})");
    }
}
