using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The drivers, lab services and rig resources an intent step may use, each only when the rig has it.</summary>
internal static class RigDrivers
{
    /// <summary>A driver of a protocol the step declares, or null when the rig has none.</summary>
    public static T? Find<T>(StepContext context) where T : class => context.Drivers.Find<T>();

    /// <summary>A lab service the step declares, by its protocol, or null when the rig has none.</summary>
    public static T? Lab<T>(StepContext context) where T : class, ILabService => context.Drivers.Find<T>();

    /// <summary>A rig resource (address plan, DUT network, manufacturer files), or null when the rig has none.</summary>
    public static T? Resource<T>(StepContext context) where T : class => context.Resources.Find<T>();
}
