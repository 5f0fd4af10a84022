using IoTopia.Certify.Mud.Capture;
using IoTopia.Certify.Mud.Discovery;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Reads a capture twice, streaming: pass 1 learns the capture-global facts (DNS answers, MUD URLs, the
/// device's addresses, other hosts' addresses); pass 2 aggregates the device's packets into flows.
/// Memory grows with the number of flows and names, not packets.
/// </summary>
public static class CaptureAnalyzer
{
    public static CaptureAnalysis Analyze(string path, CheckSettings settings)
    {
        var facts = new CaptureFacts(settings.Device);
        CaptureFormatException? error = null;
        try
        {
            using var reader = CaptureReader.Open(path);
            var p = default(DecodedPacket);
            while (reader.Next())
            {
                PacketDecoder.Decode(reader.Data, reader.LinkType, ref p);
                facts.Observe(reader.Data, p, reader.Number);
            }
        }
        catch (CaptureFormatException e)
        {
            error = e;
        }
        var collector = new FlowCollector(settings, facts.DeviceAddresses);
        string format = "pcap";
        long packets = 0, drops = 0;
        DateTimeOffset? first = null, last = null;
        try
        {
            using var reader = CaptureReader.Open(path);
            format = reader.Format;
            var p = default(DecodedPacket);
            while (reader.Next())
            {
                PacketDecoder.Decode(reader.Data, reader.LinkType, ref p);
                collector.Observe(reader.Data, p, reader.Number, reader.TimestampNanos, reader.OriginalLength);
                packets = reader.Number;
                first ??= reader.Timestamp;
                last = reader.Timestamp;
            }
            drops = reader.ReportedDrops;
        }
        catch (CaptureFormatException e)
        {
            error ??= e;
        }
        return new CaptureAnalysis
        {
            File = path,
            Format = format,
            Device = settings.Device,
            DeviceAddresses = facts.DeviceAddresses.Order().ToList(),
            Flows = collector.Flows,
            Names = facts.Names,
            MudUrls = facts.MudUrls,
            ThingUrls = facts.ThingUrls(),
            Packets = packets,
            DevicePacketsSent = collector.DevicePacketsSent,
            DevicePackets = collector.DevicePackets,
            ProbePacketsExcluded = collector.ProbePackets,
            FragmentsNotJudged = collector.Fragments,
            ReportedDrops = drops,
            FirstTime = first,
            LastTime = last,
            Error = error,
        };
    }
}
