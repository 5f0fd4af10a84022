namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// The drivers a rig kind actually built, by protocol interface. A driver is registered under every
/// protocol (interface marked with <see cref="CapabilityAttribute"/>) it implements, so its capabilities
/// follow from what it is. Non-drivers (address plans, manufacturer files) belong in <see cref="RigResources"/>.
/// </summary>
public sealed class DriverRegistry(string rigName)
{
    private readonly Dictionary<Type, object> _byProtocol = [];
    private readonly List<(DriverBinding Binding, object Driver)> _bindings = [];
    private readonly Lock _lock = new();

    /// <summary>Every driver registered, in order.</summary>
    public IReadOnlyList<DriverBinding> Bindings
    {
        get
        {
            lock (_lock)
                return [.. _bindings.Select(b => b.Binding)];
        }
    }

    /// <summary>The capabilities the registered drivers give.</summary>
    public IReadOnlySet<string> Capabilities => Bindings.SelectMany(b => b.Capabilities).ToHashSet(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="driver"/> under each protocol it implements.</summary>
    /// <exception cref="ArgumentException">the driver implements no protocol, or one that another driver already gives</exception>
    public T Add<T>(T driver, string name, string resource = "") where T : class
    {
        var protocols = ProtocolCapabilities.Of(driver.GetType());
        if (protocols.Count == 0)
            throw new ArgumentException($"{driver.GetType().Name} implements no protocol (no interface with [Capability]); is it a resource?", nameof(driver));
        lock (_lock)
        {
            if (protocols.FirstOrDefault(p => _byProtocol.ContainsKey(p.Protocol)) is { Protocol: { } taken })
                throw new ArgumentException($"rig '{rigName}' already has a driver for {taken.Name}: {_byProtocol[taken].GetType().Name}", nameof(driver));
            foreach (var (protocol, _) in protocols)
                _byProtocol[protocol] = driver;
            _bindings.Add((new DriverBinding(driver.GetType(), name, resource), driver));
        }
        return driver;
    }

    /// <summary>Takes <paramref name="driver"/> out again (a driver that went away, a test swapping drivers).</summary>
    public void Remove(object driver)
    {
        lock (_lock)
        {
            foreach (var protocol in _byProtocol.Where(p => ReferenceEquals(p.Value, driver)).Select(p => p.Key).ToList())
                _byProtocol.Remove(protocol);
            _bindings.RemoveAll(b => ReferenceEquals(b.Driver, driver));
        }
    }

    public bool TryGet<T>(out T driver) where T : class
    {
        lock (_lock)
            driver = (_byProtocol.GetValueOrDefault(typeof(T)) as T)!;
        return driver is not null;
    }

    /// <summary>The driver of protocol <typeparamref name="T"/>, or an error naming the rig, the protocol and its capability.</summary>
    public T Get<T>() where T : class =>
        TryGet<T>(out var driver)
            ? driver
            : throw new MissingDriverException($"rig '{rigName}' has no driver for {typeof(T).Name} (capability '{ProtocolCapabilities.CapabilityOf(typeof(T)) ?? "none"}')");
}
