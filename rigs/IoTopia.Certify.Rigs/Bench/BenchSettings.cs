using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Lab.Mud;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>A bench rig file's <c>drivers:</c> as read: the backend of each slot given, in build order, the lab network and the manufacturer's MUD files.</summary>
public sealed record BenchSettings
{
    public IReadOnlyList<ConfiguredDriver> Drivers { get; init; } = [];

    /// <summary>The DUT-facing network and its lab services (<c>drivers.lab</c>), or null: the bench runs none.</summary>
    public BenchLabNetwork? Lab { get; init; }

    /// <summary>The manufacturer's publication (absolute paths; checked to exist when the rig starts).</summary>
    public ManufacturerMud? Mud { get; init; }
}
