namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// Declares a protocol a step uses (like an OpenTAP resource property): an interface marked with
/// <see cref="CapabilityAttribute"/>. A required one makes its capability a need of every scenario that
/// uses the step (lint checks the scenario's <c>needs:</c>); an optional one is used when the rig has it
/// and never causes a skip. A step reaches only the protocols it declares (<see cref="StepDrivers"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NeedsAttribute(Type protocol) : Attribute
{
    public Type Protocol { get; } = protocol;

    /// <summary>Used when the rig has it; the step copes without.</summary>
    public bool Optional { get; init; }
}
