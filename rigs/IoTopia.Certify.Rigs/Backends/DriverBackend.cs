using System.Reflection;
using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Backends;

/// <summary>One discovered backend: its slot and kind, the driver type it builds and its options type.</summary>
public sealed class DriverBackend
{
    private readonly Func<object, BackendContext, object> _create;
    private readonly Func<object, string> _resource;

    private DriverBackend(DriverBackendAttribute info, Type driver, Type options, Func<object, BackendContext, object> create, Func<object, string> resource)
    {
        Slot = info.Slot;
        Kind = info.Kind;
        Summary = info.Summary;
        Driver = driver;
        Options = options;
        _create = create;
        _resource = resource;
    }

    public string Slot { get; }
    public string Kind { get; }
    public string Summary { get; }
    public Type Driver { get; }
    public Type Options { get; }

    /// <summary>The driver as <c>certify list rig</c> and the registry show it.</summary>
    public DriverBinding Binding(object options) => new(Driver, $"{Slot} {Kind}", _resource(options));

    public object Create(object options, BackendContext context) => _create(options, context);

    /// <summary>The backend that <paramref name="type"/> declares, or null when it is none.</summary>
    /// <exception cref="InvalidOperationException">marked with the attribute but not an <see cref="IDriverBackend{TDriver, TOptions}"/></exception>
    public static DriverBackend? Of(Type type)
    {
        if (type.GetCustomAttribute<DriverBackendAttribute>() is not { } info)
            return null;
        var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDriverBackend<,>))
                       ?? throw new InvalidOperationException($"{type.FullName} is marked [DriverBackend] but does not implement IDriverBackend<TDriver, TOptions>");
        var (driver, options) = (contract.GetGenericArguments()[0], contract.GetGenericArguments()[1]);
        if (ProtocolCapabilities.Of(driver).Count == 0)
            throw new InvalidOperationException($"backend {type.FullName} builds {driver.Name}, which implements no protocol");
        var create = Generic(nameof(CreateVia), type, driver, options);
        var resource = Generic(nameof(ResourceVia), type, driver, options);
        return new DriverBackend(info, driver, options,
            (o, c) => Invoke(create, o, c),
            o => (string)Invoke(resource, o));
    }

    private static MethodInfo Generic(string name, Type backend, Type driver, Type options) =>
        typeof(DriverBackend).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(backend, driver, options);

    private static object Invoke(MethodInfo method, params object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static object CreateVia<TBackend, TDriver, TOptions>(object options, BackendContext context)
        where TBackend : IDriverBackend<TDriver, TOptions>
        where TDriver : class
        where TOptions : class =>
        TBackend.Create((TOptions)options, context);

    private static string ResourceVia<TBackend, TDriver, TOptions>(object options)
        where TBackend : IDriverBackend<TDriver, TOptions>
        where TDriver : class
        where TOptions : class =>
        TBackend.Resource((TOptions)options);
}
