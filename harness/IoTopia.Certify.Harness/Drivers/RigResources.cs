namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// Facts and resources of a started rig that are not drivers — its address plan, how the harness reaches
/// the DUT's network, the manufacturer's files for the DUT — by type. Steps read them when present.
/// </summary>
public sealed class RigResources
{
    private readonly Dictionary<Type, object> _byType = [];
    private readonly Lock _lock = new();

    public void Set<T>(T resource) where T : class
    {
        lock (_lock)
            _byType[typeof(T)] = resource;
    }

    /// <summary>The resource of type <typeparamref name="T"/>, or null when the rig has none.</summary>
    public T? Find<T>() where T : class
    {
        lock (_lock)
            return _byType.GetValueOrDefault(typeof(T)) as T;
    }

    public T Get<T>(string rigName) where T : class =>
        Find<T>() ?? throw new MissingDriverException($"rig '{rigName}' has no {typeof(T).Name}");
}
