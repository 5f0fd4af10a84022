using IoTopia.Certify.Wire.Scan;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Reads a capture streaming with the wire library's <see cref="CaptureScan"/> — the device's flows and
/// the capture's DNS names — and, in the same pass, the MUD-specific facts: MUD URLs emitted and which
/// addresses each MAC used. Memory grows with the number of flows and names, not packets.
/// </summary>
public static class CaptureAnalyzer
{
    public static CaptureAnalysis Analyze(string path, CheckSettings settings) =>
        Analyze(settings, facts => CaptureScan.Run(path, settings.CollectorOptions, facts), path);

    /// <summary>Reads a capture from a stream (e.g. standard input, named <paramref name="name"/>).</summary>
    public static CaptureAnalysis Analyze(Stream capture, string name, CheckSettings settings) =>
        Analyze(settings, facts => CaptureScan.Run(capture, name, settings.CollectorOptions, facts), name);

    private static CaptureAnalysis Analyze(CheckSettings settings, Func<CaptureFacts, CaptureScanResult> scan, string name)
    {
        var facts = new CaptureFacts();
        var pass = scan(facts);
        var collector = pass.Flows;
        return new CaptureAnalysis
        {
            File = name,
            Format = pass.Format,
            Device = settings.Device,
            DeviceAddresses = collector.DeviceAddresses.Order().ToList(),
            Flows = collector.Flows,
            Names = pass.Names,
            MudUrls = facts.MudUrls,
            ThingUrls = facts.ThingUrls(),
            Packets = pass.Packets,
            DevicePacketsSent = collector.DevicePacketsSent,
            DevicePackets = collector.DevicePackets,
            ProbePacketsExcluded = collector.ProbePackets,
            FragmentsNotJudged = collector.Fragments,
            UntrackedPackets = collector.Untracked,
            ReportedDrops = pass.ReportedDrops,
            FirstTime = CaptureScanResult.Time(pass.FirstNanos),
            LastTime = CaptureScanResult.Time(pass.LastNanos),
            Error = pass.Error,
        };
    }
}
