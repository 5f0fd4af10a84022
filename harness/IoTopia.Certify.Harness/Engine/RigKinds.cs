using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>The rig kinds this build knows (<c>kind:</c> in a rig file) and how to make each one's runtime.</summary>
public sealed class RigKinds
{
    private readonly Dictionary<string, Func<RigDescription, RigRuntime>> _kinds = new(StringComparer.Ordinal)
    {
        ["in-process"] = d => new InProcessRig(d),
    };

    public IEnumerable<string> Names => _kinds.Keys;

    public RigKinds Add(string kind, Func<RigDescription, RigRuntime> create)
    {
        _kinds[kind] = create;
        return this;
    }

    public RigRuntime Create(RigDescription description) => _kinds[description.Kind](description);
}
