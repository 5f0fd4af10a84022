using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

[Needs(typeof(IPowerProtocol))]
[Step("power.on", "Switches the DUT's power on (already on: nothing happens); the backend's status must then say on.")]
public sealed class PowerOnStep : Step<NoArguments>
{
    protected override async Task<StepOutcome> RunAsync(StepContext context, NoArguments args, CancellationToken ct)
    {
        var power = context.Drivers.Get<IPowerProtocol>();
        context.Details["driver"] = power.GetType().Name;
        context.Details["on-at"] = DateTimeOffset.UtcNow;
        await power.OnAsync(ct);
        if (power is VirtualPower { Device: { HasExited: true } device } virtualPower)
            return StepOutcome.Error($"the device process exited at once with code {device.Process.ExitCode}: {virtualPower.RecentStderr}");
        return await PowerStatusConfirmation.ConfirmAsync(context, power, PowerState.On, "on", ct) ?? StepOutcome.Pass("power on");
    }
}
