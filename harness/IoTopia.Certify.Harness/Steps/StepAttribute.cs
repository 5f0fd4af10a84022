namespace IoTopia.Certify.Harness.Steps;

/// <summary>Registers a step class under the name scenarios use for it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StepAttribute(string name, string summary) : Attribute
{
    public string Name { get; } = name;
    public string Summary { get; } = summary;
}
