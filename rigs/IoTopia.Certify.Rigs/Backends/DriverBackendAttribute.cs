namespace IoTopia.Certify.Rigs.Backends;

/// <summary>
/// Offers a driver backend to bench rig files: <c>drivers.&lt;slot&gt;.kind: &lt;kind&gt;</c> picks it. The marked
/// class implements <see cref="IDriverBackend{TDriver, TOptions}"/>; its options are the section's other keys.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DriverBackendAttribute(string slot, string kind, string summary) : Attribute
{
    /// <summary>The key under <c>drivers:</c>: serial, power, restore, capture.</summary>
    public string Slot { get; } = slot;

    /// <summary>The value of <c>kind:</c> that picks this backend.</summary>
    public string Kind { get; } = kind;

    public string Summary { get; } = summary;
}
