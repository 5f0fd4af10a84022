using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The drivers and lab services an intent step may use, each only when the rig has it.</summary>
internal static class RigDrivers
{
    public static T? Find<T>(StepContext context) where T : class
    {
        try
        {
            return context.Rig.Driver<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static T? Lab<T>(StepContext context) where T : class, ILabService =>
        Find<LabServices>(context) is { } lab && lab.TryGet<T>(out var service) ? service : null;
}
