namespace IoTopia.Certify.Harness.Steps;

/// <summary>
/// Marks a step argument that becomes part of an evidence file's name: a plain name (letters, digits, '.', '-', '_',
/// no path), checked by the loader at file:line rather than refused by the evidence store at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class EvidenceLabelAttribute : Attribute;
