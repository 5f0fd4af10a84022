namespace IoTopia.Certify.Harness.Engine;

/// <summary>The rig kinds this build knows, by the name rig files use under <c>kind:</c>.</summary>
public sealed class RigKinds
{
    private readonly Dictionary<string, RigKind> _kinds = new(StringComparer.Ordinal);

    public RigKinds() => Add(new InProcessRigKind());

    public IEnumerable<string> Names => _kinds.Keys;

    public RigKinds Add(RigKind kind)
    {
        _kinds[kind.Name] = kind;
        return this;
    }

    public RigKind? Find(string name) => _kinds.GetValueOrDefault(name);

    public RigRuntime Create(Model.RigDescription description) => _kinds[description.Kind].Create(description);
}
