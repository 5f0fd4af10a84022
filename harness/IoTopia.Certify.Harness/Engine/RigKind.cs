using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// One kind of rig (<c>kind:</c> in a rig file): it reads its own <c>drivers:</c> section, with every
/// problem named by file, line and key, and makes the runtime that drives the bench.
/// </summary>
public abstract class RigKind
{
    public abstract string Name { get; }

    public virtual bool SupportsPersonalities => false;

    /// <summary>The capabilities this machine can give of those the rig file declares (e.g. no capture without root).</summary>
    public virtual IReadOnlyList<string> Available(IReadOnlyList<string> declared) => declared;

    /// <summary>Reads the rig file's <c>drivers:</c> section (null when the file has none) into this kind's settings.</summary>
    public abstract object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors);

    public abstract RigRuntime Create(RigDescription description);
}

/// <summary>A rig with no device and no drivers: it runs the in-process self-test steps.</summary>
public sealed class InProcessRigKind : RigKind
{
    public override string Name => "in-process";

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors)
    {
        if (drivers is not null)
            errors.Add(new InputException(drivers.Location, "drivers: an in-process rig has no drivers"));
        return null;
    }

    public override RigRuntime Create(RigDescription description) => new InProcessRig(description);
}
