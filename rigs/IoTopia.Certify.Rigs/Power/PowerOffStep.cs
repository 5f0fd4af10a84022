using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

[Needs(typeof(IPowerProtocol))]
[Step("power.off", "Cuts the DUT's power (for the virtual device: SIGKILL, so what it had not written is lost); the backend's status must then say off.")]
public sealed class PowerOffStep : Step<NoArguments>
{
    protected override async Task<StepOutcome> RunAsync(StepContext context, NoArguments args, CancellationToken ct)
    {
        var power = context.Drivers.Get<IPowerProtocol>();
        context.Details["driver"] = power.GetType().Name;
        context.Details["off-at"] = DateTimeOffset.UtcNow;
        await power.OffAsync(ct);
        return await PowerStatusConfirmation.ConfirmAsync(context, power, PowerState.Off, "off", ct) ?? StepOutcome.Pass("power off");
    }
}
