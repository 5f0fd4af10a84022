namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// One driver of a rig: its type (whose protocol interfaces give the capabilities), what it is, and the
/// resource it reaches (a port, an interface, a URL). Rig kinds describe these from the rig file before
/// anything is built, and the <see cref="DriverRegistry"/> records them as the drivers are built.
/// </summary>
public sealed record DriverBinding(Type Driver, string Name, string Resource)
{
    public IReadOnlyList<string> Capabilities { get; } = ProtocolCapabilities.Of(Driver).Select(p => p.Capability).Distinct().ToList();

    public override string ToString() => Resource.Length == 0 ? Name : $"{Name} ({Resource})";
}
