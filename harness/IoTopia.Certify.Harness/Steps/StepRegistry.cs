using System.Reflection;
using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Harness.Steps;

/// <summary>Every step class found in the given assemblies, by name.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, (Type Type, StepAttribute Info)> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<StepNeed>> _needs = new(StringComparer.Ordinal);

    public StepRegistry(params Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !typeof(IStep).IsAssignableFrom(type))
                continue;
            var info = type.GetCustomAttribute<StepAttribute>()
                       ?? throw new InvalidOperationException($"step class {type.FullName} has no [Step] attribute");
            if (!_steps.TryAdd(info.Name, (type, info)))
                throw new InvalidOperationException($"two step classes are named '{info.Name}': {_steps[info.Name].Type.FullName} and {type.FullName}");
            _needs[info.Name] = NeedsOf(type);
        }
    }

    /// <summary>The harness's own steps.</summary>
    public static StepRegistry Default { get; } = new(typeof(StepRegistry).Assembly);

    public IEnumerable<(string Name, string Summary, Type Arguments)> All =>
        _steps.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (s.Key, s.Value.Info.Summary, Create(s.Key).ArgumentsType));

    public bool Contains(string name) => _steps.ContainsKey(name);

    public IStep Create(string name) =>
        (IStep)Activator.CreateInstance(_steps[name].Type)!;

    public IEnumerable<string> Names => _steps.Keys.Order(StringComparer.Ordinal);

    /// <summary>The protocols the step declares with <see cref="NeedsAttribute"/>, each with its capability.</summary>
    public IReadOnlyList<StepNeed> Needs(string name) => _needs[name];

    /// <summary>The capabilities a scenario using the step must list under <c>needs:</c>.</summary>
    public IEnumerable<string> RequiredCapabilities(string name) => _needs[name].Where(n => !n.Optional).Select(n => n.Capability).Distinct();

    /// <summary>The protocol types a step may reach through <see cref="StepDrivers"/>.</summary>
    public IReadOnlySet<Type> Declared(string name) => _needs[name].Select(n => n.Protocol).ToHashSet();

    private static IReadOnlyList<StepNeed> NeedsOf(Type step) =>
        step.GetCustomAttributes<NeedsAttribute>().Select(n => new StepNeed(n.Protocol,
                ProtocolCapabilities.CapabilityOf(n.Protocol)
                ?? throw new InvalidOperationException($"step class {step.FullName} needs {n.Protocol.Name}, which is no protocol (an interface with [Capability])"),
                n.Optional))
            .ToList();
}
