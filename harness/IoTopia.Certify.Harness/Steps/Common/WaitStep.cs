using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Harness.Steps.Common;

[Step("wait", "Waits for a duration (e.g. '- wait: 2s'), ending early only when cancelled.")]
public sealed class WaitStep : Step<WaitStep.Arguments>
{
    public sealed class Arguments
    {
        [ShortForm]
        public TimeSpan For { get; init; } = TimeSpan.FromSeconds(1);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        await Task.Delay(args.For, ct);
        return StepOutcome.Pass($"waited {Duration.Format(args.For)}");
    }
}
