using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Backends;

/// <summary>A driver section of a rig file as read: the backend its <c>kind:</c> picked, and its bound options.</summary>
public sealed record ConfiguredDriver(DriverBackend Backend, object Options)
{
    public DriverBinding Binding => Backend.Binding(Options);

    public object Create(BackendContext context) => Backend.Create(Options, context);
}
