using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>The measurements a capture records when it stops: <c>packets</c>, <c>dut-packets</c>, <c>drops</c>.</summary>
public static class CaptureMeasurements
{
    public const string Unit = "packets";

    public static IReadOnlyList<Measurement> Of(CaptureStats stats) =>
    [
        Measurement.Of("packets", stats.Delivered, Unit),
        Measurement.Of("dut-packets", stats.DutPackets, Unit),
        Measurement.Of("drops", stats.Dropped, Unit),
    ];
}
