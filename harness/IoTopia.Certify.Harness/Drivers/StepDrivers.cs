namespace IoTopia.Certify.Harness.Drivers;

/// <summary>
/// A step's view of the rig's drivers: only the protocols it declares with <see cref="NeedsAttribute"/>,
/// so a declaration cannot fall behind what the step really uses.
/// </summary>
public sealed class StepDrivers(string stepName, IReadOnlySet<Type> declared, DriverRegistry drivers)
{
    public bool TryGet<T>(out T driver) where T : class
    {
        Check<T>();
        return drivers.TryGet(out driver);
    }

    /// <summary>The driver of <typeparamref name="T"/>; the rig lacking it is the lab's error, naming the capability.</summary>
    public T Get<T>() where T : class
    {
        Check<T>();
        return drivers.Get<T>();
    }

    /// <summary>The driver, or null when the rig has none (for protocols declared optional).</summary>
    public T? Find<T>() where T : class => TryGet<T>(out var driver) ? driver : null;

    private void Check<T>()
    {
        if (!declared.Contains(typeof(T)))
            throw new MissingDriverException($"step {stepName} uses {typeof(T).Name} without declaring it ([Needs(typeof({typeof(T).Name}))])");
    }
}
