using System.Reflection;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Backends;

/// <summary>
/// Every driver backend found by its <see cref="DriverBackendAttribute"/>, by slot and kind, and the reading
/// of a rig file's driver section into one: <c>kind:</c> picks the backend, the other keys bind to its options.
/// </summary>
public sealed class DriverBackends
{
    private readonly Dictionary<(string Slot, string Kind), DriverBackend> _backends = [];

    public DriverBackends(params Assembly[] assemblies)
    {
        foreach (var backend in assemblies.SelectMany(a => a.GetTypes()).Select(DriverBackend.Of).OfType<DriverBackend>())
        {
            if (!_backends.TryAdd((backend.Slot, backend.Kind), backend))
                throw new InvalidOperationException($"two driver backends are drivers.{backend.Slot} kind {backend.Kind}: {_backends[(backend.Slot, backend.Kind)].Driver.Name} and {backend.Driver.Name}");
        }
    }

    /// <summary>The backends of this project's rigs.</summary>
    public static DriverBackends Default { get; } = new(typeof(DriverBackends).Assembly);

    public IEnumerable<DriverBackend> All => _backends.Values.OrderBy(b => b.Slot, StringComparer.Ordinal).ThenBy(b => b.Kind, StringComparer.Ordinal);

    public IReadOnlyList<string> Kinds(string slot) => [.. All.Where(b => b.Slot == slot).Select(b => b.Kind)];

    public DriverBackend? Find(string slot, string kind) => _backends.GetValueOrDefault((slot, kind));

    /// <summary>
    /// Reads <c>drivers.&lt;slot&gt;</c> (null when absent): its <c>kind:</c> (or <paramref name="defaultKind"/>) picks the
    /// backend, the rest binds to the backend's options. Problems go to <paramref name="errors"/> with file:line.
    /// </summary>
    /// <param name="slotKeys">keys of the slot itself, whatever its backend (e.g. power's <c>at-end</c>): read by the caller, not bound</param>
    public ConfiguredDriver? Read(YamlMap drivers, string slot, string? defaultKind, InputErrors errors, IReadOnlySet<string>? slotKeys = null)
    {
        try
        {
            if (drivers.Map(slot) is not { } section)
                return null;
            var kinds = string.Join(", ", Kinds(slot));
            var kind = section.String("kind") ?? defaultKind
                       ?? throw new InputException(section.Location, $"{section.Path}.kind: required; one of {kinds}");
            var backend = Find(slot, kind)
                          ?? throw new InputException(section.LocationOf("kind"), $"{section.Path}.kind: '{kind}' is not a {slot} backend; one of {kinds}");
            var binder = new ArgumentBinder(drivers.File, new Dictionary<string, string>(), section.Location);
            var options = binder.Bind(backend.Options, section.Node, section.Path, new HashSet<string>(["kind", .. slotKeys ?? new HashSet<string>()]));
            return new ConfiguredDriver(backend, options);
        }
        catch (InputException e)
        {
            errors.Add(e);
            return null;
        }
    }
}
