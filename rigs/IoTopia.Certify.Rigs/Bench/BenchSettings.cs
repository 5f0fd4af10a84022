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

    /// <summary>The DUT's power when the run ends or is interrupted (<c>drivers.power.at-end</c>, default off).</summary>
    public PowerAtEnd PowerAtEnd { get; init; } = PowerAtEnd.Off;

    /// <summary>The DUT's address when the bench has no lab network: the one its capture is filtered to (<c>drivers.capture.dut-address</c>).</summary>
    public System.Net.IPAddress? CaptureDutAddress { get; init; }
}
