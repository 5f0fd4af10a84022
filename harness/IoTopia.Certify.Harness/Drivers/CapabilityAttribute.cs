namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// Marks a protocol interface with the rig capability (CONTRACTS.md, <c>needs:</c> names) a driver that
/// implements it gives. The engine reads it by reflection and knows no protocol by name.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class CapabilityAttribute : Attribute
{
    public CapabilityAttribute(string name)
    {
        if (!Model.Capabilities.Known.Contains(name))
            throw new ArgumentException($"'{name}' is not a rig capability of CONTRACTS.md", nameof(name));
        Name = name;
    }

    public string Name { get; }
}
