using IoTopia.Certify.Mud.Discovery;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>What reading a capture gives: the device's flows, the capture's name bindings and MUD URLs, and counts.</summary>
public sealed record CaptureAnalysis
{
    public required string File { get; init; }

    public required string Format { get; init; }

    public required DeviceSelector Device { get; init; }

    /// <summary>The device's own addresses (learned from what it sent when selected by MAC).</summary>
    public required IReadOnlyList<IpAddr> DeviceAddresses { get; init; }

    public required IReadOnlyList<Flow> Flows { get; init; }

    public required NameBindings Names { get; init; }

    public required MudUrlDiscovery MudUrls { get; init; }

    /// <summary>Addresses other hosts used, by the MUD URL those hosts emitted (for manufacturer, same-manufacturer, model).</summary>
    public required IReadOnlyDictionary<IpAddr, IReadOnlyList<string>> ThingUrls { get; init; }

    public long Packets { get; init; }

    /// <summary>Packets the device sent: the evidence that it was active.</summary>
    public long DevicePacketsSent { get; init; }

    public long DevicePackets { get; init; }

    public long ProbePacketsExcluded { get; init; }

    public long FragmentsNotJudged { get; init; }

    /// <summary>Packets of flows beyond <see cref="FlowCollectorOptions.DefaultMaxFlows"/>: not judged, and the verdict cannot be compliant.</summary>
    public long UntrackedPackets { get; init; }

    public long ReportedDrops { get; init; }

    public DateTimeOffset? FirstTime { get; init; }

    public DateTimeOffset? LastTime { get; init; }

    /// <summary>The capture is truncated or garbled here; everything above is what was read before.</summary>
    public CaptureFormatException? Error { get; init; }

    public IEnumerable<Flow> JudgedFlows => Flows.Where(f => f.Category is null);

    public IEnumerable<Flow> Infrastructure => Flows.Where(f => f.Category is not null);
}
