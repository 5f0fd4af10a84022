using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// One kind of rig (<c>kind:</c> in a rig file): it reads its own <c>drivers:</c> section, with every
/// problem named by file, line and key, says which drivers that section makes (the rig's capabilities
/// follow from them), and makes the runtime that drives the bench.
/// </summary>
public abstract class RigKind
{
    public abstract string Name { get; }

    /// <summary>
    /// The rig options a run may give this kind, by name, with what each sets (e.g. which fault personality a
    /// reference device plays). The kind reads the given values from <see cref="RigDescription.Options"/> and
    /// records what it used with <see cref="RunContext.RecordRig"/>; a run giving an option its kind does not
    /// list is refused before anything starts (exit 3).
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> Options => NoOptions;

    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    /// <summary>The capabilities this machine can give of those the rig's drivers give (e.g. no capture without root).</summary>
    public virtual IReadOnlyList<string> Available(IReadOnlyList<string> given) => given;

    /// <summary>Reads the rig file's <c>drivers:</c> section (null when the file has none) into this kind's settings.</summary>
    public abstract object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors);

    /// <summary>
    /// The drivers this kind builds from its settings (<see cref="ReadDrivers"/>'s result), before anything is
    /// built: the rig's capabilities are theirs, and <c>certify list rig</c> shows them.
    /// </summary>
    public virtual IReadOnlyList<DriverBinding> Bindings(object? drivers) => [];

    public abstract RigRuntime Create(RigDescription description);

    /// <summary>Problems with the rig file as a whole that only this kind knows (a DUT fact it needs); the loader names them at <c>dut:</c>.</summary>
    public virtual IEnumerable<string> Problems(RigDescription description) => [];

    /// <summary>
    /// Where a run on this rig must execute, when not in this process as it is (e.g. inside a network
    /// namespace the kind creates). Null when the run belongs here. The command line asks before
    /// <c>run</c>, <c>resume</c> and <c>rig check</c> touch anything.
    /// </summary>
    public virtual RunIsolation? Isolation(RigDescription description) => null;

    /// <summary>
    /// DUT facts this kind takes from what its drivers name rather than from the rig file (e.g. a board image's
    /// per-unit password, made when the image was built): added under <c>dut:</c> where the file does not give the
    /// key; a value whose key names a secret (<see cref="Secrets.SecretRule"/>) is masked in the run's record like
    /// one written in the file. Reading them must build nothing: lint calls it too.
    /// </summary>
    /// <param name="drivers"><see cref="ReadDrivers"/>'s result</param>
    public virtual IReadOnlyDictionary<string, string> ResolvedFacts(object? drivers) => NoOptions;
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
