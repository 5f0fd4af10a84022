using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

[Needs(typeof(IPowerProtocol))]
[Step("power.cycle", "Cuts the DUT's power, keeps it off for a while, and switches it on again; the backend's status must follow each switch.")]
public sealed class PowerCycleStep : Step<PowerCycleStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        [ShortForm]
        public TimeSpan OffFor { get; init; } = TimeSpan.FromSeconds(1);

        public IEnumerable<string> Validate()
        {
            if (OffFor < TimeSpan.Zero)
                yield return "off-for: must not be negative";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var power = context.Drivers.Get<IPowerProtocol>();
        context.Details["driver"] = power.GetType().Name;
        context.Details["off-at"] = DateTimeOffset.UtcNow;
        await power.OffAsync(ct);
        if (await PowerStatusConfirmation.ConfirmAsync(context, power, PowerState.Off, "off", ct) is { } offWrong)
            return offWrong;
        await Task.Delay(args.OffFor, ct);
        context.Details["on-at"] = DateTimeOffset.UtcNow;
        await power.OnAsync(ct);
        if (await PowerStatusConfirmation.ConfirmAsync(context, power, PowerState.On, "on", ct) is { } onWrong)
            return onWrong;
        return StepOutcome.Pass($"power off for {Duration.Format(args.OffFor)}, then on");
    }
}
