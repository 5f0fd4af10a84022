using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Declarations;

/// <summary>The manufacturer's conformance statement (ICS/IXIT style): declarations per requirement, and IXIT facts.</summary>
public sealed record ConformanceStatement(
    string File,
    string Manufacturer,
    string Product,
    IReadOnlyDictionary<string, Declaration> Declarations,
    IReadOnlyDictionary<string, string> Ixit)
{
    /// <summary>The statement's secret values (<see cref="SecretRule"/>): never written in clear into a run folder.</summary>
    public IReadOnlyList<SecretValue> Secrets { get; init; } = [];

    public static ConformanceStatement None { get; } = new("", "", "", new Dictionary<string, Declaration>(), new Dictionary<string, string>());

    /// <summary>IXIT facts as scenario parameters: <c>ixit.open-ports</c> and so on.</summary>
    public IReadOnlyDictionary<string, string> AsParameters() =>
        Ixit.ToDictionary(kv => $"ixit.{kv.Key}", kv => kv.Value, StringComparer.Ordinal);
}
