namespace IoTopia.Certify.Rigs.Backends;

/// <summary>
/// A driver backend: builds a <typeparamref name="TDriver"/> (whose protocol interfaces give the rig its
/// capabilities) from typed options bound from the rig file with file:line errors (kebab-case keys; options
/// that implement <c>IValidatableArguments</c> check themselves at load time).
/// </summary>
public interface IDriverBackend<TDriver, TOptions>
    where TDriver : class
    where TOptions : class
{
    /// <summary>Builds the driver when the rig starts; throwing fails the start, naming the problem.</summary>
    static abstract TDriver Create(TOptions options, BackendContext context);

    /// <summary>What the driver reaches (a port, an interface, a URL), for <c>certify list rig</c>.</summary>
    static abstract string Resource(TOptions options);
}
