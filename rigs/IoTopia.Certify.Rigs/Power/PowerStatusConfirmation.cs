using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>What the power steps do after each switch: read the backend's status until it agrees (<see cref="PowerStateCheck"/>).</summary>
internal static class PowerStatusConfirmation
{
    /// <returns>null when the status agrees or the backend cannot read it (the details say which); the step's error when it does not</returns>
    public static async Task<StepOutcome?> ConfirmAsync(StepContext context, IPowerProtocol power, PowerState expected, string switched, CancellationToken ct)
    {
        var check = await PowerStateCheck.ConfirmAsync(power, expected, ct);
        context.Details[$"status-after-{switched}"] = check.Summary;
        if (check.Wrong || check.Readings.Any(r => r.Reading.Said is not null))
            await context.WriteEvidenceAsync("txt", "power-status", check.Transcript(), $"status-after-{switched}", ct);
        return check.Wrong ? StepOutcome.Error($"power {switched}: {check.Summary}") : null;
    }
}
