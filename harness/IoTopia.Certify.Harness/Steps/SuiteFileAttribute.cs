namespace IoTopia.Certify.Harness.Steps;

/// <summary>
/// Marks a step argument that names a file the harness reads or writes (a body served to the device, a marker file).
/// A relative path is resolved against the suite file's folder; the file must lie inside the suite's folder or the
/// rig's folder, so a suite can never make the lab serve or touch a host file. The loader enforces it at file:line.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SuiteFileAttribute : Attribute;
