using System.Reflection;

namespace IoTopia.Certify.Harness.Drivers;

/// <summary>Protocol interfaces and their capabilities, found by reflection over <see cref="CapabilityAttribute"/>.</summary>
public static class ProtocolCapabilities
{
    /// <summary>The capability a protocol interface gives, or null when <paramref name="protocol"/> is no protocol.</summary>
    public static string? CapabilityOf(Type protocol) =>
        protocol.IsInterface ? protocol.GetCustomAttribute<CapabilityAttribute>()?.Name : null;

    /// <summary>The protocol interfaces a driver type implements, each with its capability.</summary>
    public static IReadOnlyList<(Type Protocol, string Capability)> Of(Type driver) =>
        (driver.IsInterface ? driver.GetInterfaces().Append(driver) : driver.GetInterfaces())
        .Select(i => (Protocol: i, Capability: CapabilityOf(i)))
        .Where(p => p.Capability is not null)
        .Select(p => (p.Protocol, p.Capability!))
        .OrderBy(p => p.Protocol.Name, StringComparer.Ordinal)
        .ToList();
}
