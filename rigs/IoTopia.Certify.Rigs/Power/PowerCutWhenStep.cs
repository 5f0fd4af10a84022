using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

[Needs(typeof(IPowerCutProtocol))]
[Needs(typeof(IConsoleProtocol))]
[Step("power.cut-when", "Arms a power cut: when the DUT's serial output after the cursor matches a pattern, the power is cut 'after' later. power.cut-wait checks it happened.")]
public sealed class PowerCutWhenStep : Step<PowerCutWhenStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        public required string Serial { get; init; }
        public TimeSpan After { get; init; } = TimeSpan.Zero;

        public IEnumerable<string> Validate()
        {
            if (SerialPatterns.Problem(Serial, "serial") is { } problem)
                yield return problem;
            if (After < TimeSpan.Zero)
                yield return "after: must not be negative";
        }
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var power = context.Drivers.Get<IPowerCutProtocol>();
        var log = context.Drivers.Get<IConsoleProtocol>().Log;
        var from = SerialCursor.Get(context.Attempt, log);
        context.Activities.Start(PowerCutActivity.Name,
            new PowerCutActivity(log, SerialPatterns.Build(args.Serial), from, args.After, power, cut => context.Log(
                $"power cut {cut.Delay.TotalMilliseconds:0.#} ms after /{args.Serial}/ matched",
                new JsonObject { ["match-at"] = cut.Match.At, ["cut-at"] = cut.CutAt, ["off-at"] = cut.OffAt, ["match-start"] = cut.Match.Start })));
        context.Details["from"] = from;
        context.Details["after-ms"] = args.After.TotalMilliseconds;
        return Task.FromResult(StepOutcome.Pass($"armed: power is cut {Duration.Format(args.After)} after /{args.Serial}/"));
    }
}
