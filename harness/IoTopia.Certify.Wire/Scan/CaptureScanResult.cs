using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Wire.Scan;

/// <summary>What a <see cref="CaptureScan"/> read: the device's flows, the capture's DNS names, counts, and where a malformed capture stopped.</summary>
public sealed record CaptureScanResult
{
    public required string Format { get; init; }

    public required FlowCollector Flows { get; init; }

    public required NameBindings Names { get; init; }

    public long Packets { get; init; }

    public long ReportedDrops { get; init; }

    /// <summary>Capture timestamps of the first and last packet, nanoseconds since the Unix epoch; null without packets.</summary>
    public long? FirstNanos { get; init; }

    public long? LastNanos { get; init; }

    /// <summary>The capture needed a second pass (a cooked capture with the device selected by MAC) but could not be read twice (not seekable): flows may miss packets to the device seen before its address was learned.</summary>
    public bool SecondPassSkipped { get; init; }

    /// <summary>The capture is truncated or garbled here; everything above is what was read before.</summary>
    public CaptureFormatException? Error { get; init; }

    public static DateTimeOffset? Time(long? nanos) => nanos is { } n ? DateTimeOffset.UnixEpoch.AddTicks(n / 100) : null;
}
