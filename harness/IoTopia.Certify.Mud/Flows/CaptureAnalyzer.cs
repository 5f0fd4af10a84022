using IoTopia.Certify.Mud.Capture;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Reads a capture streaming, once: the capture-global facts (DNS answers, MUD URLs, addresses) and the
/// device's flows together — names are only needed when the flows are judged, after the pass. When the
/// device is selected by MAC and the link type carries no destination MAC (Linux cooked capture), the
/// device's addresses learned in that pass are complete only at its end, so the flows are collected again
/// in a second pass. Memory grows with the number of flows and names, not packets.
/// </summary>
public static class CaptureAnalyzer
{
    public static CaptureAnalysis Analyze(string path, CheckSettings settings)
    {
        var facts = new CaptureFacts(settings.Device);
        var collector = new FlowCollector(settings, facts.DeviceAddresses);
        var pass = Read(path, (ReadOnlySpan<byte> frame, in DecodedPacket p, CaptureReader reader) =>
        {
            facts.Observe(frame, p, reader.Number);
            collector.Observe(frame, p, reader.Number, reader.TimestampNanos, reader.OriginalLength);
        });
        if (collector.UsedLearnedAddresses && settings.Device.Mac is not null)
        {
            collector = new FlowCollector(settings, facts.DeviceAddresses);
            var second = Read(path, (ReadOnlySpan<byte> frame, in DecodedPacket p, CaptureReader reader) => collector.Observe(frame, p, reader.Number, reader.TimestampNanos, reader.OriginalLength));
            pass = pass with { Error = pass.Error ?? second.Error };
        }
        return new CaptureAnalysis
        {
            File = path,
            Format = pass.Format,
            Device = settings.Device,
            DeviceAddresses = facts.DeviceAddresses.Order().ToList(),
            Flows = collector.Flows,
            Names = facts.Names,
            MudUrls = facts.MudUrls,
            ThingUrls = facts.ThingUrls(),
            Packets = pass.Packets,
            DevicePacketsSent = collector.DevicePacketsSent,
            DevicePackets = collector.DevicePackets,
            ProbePacketsExcluded = collector.ProbePackets,
            FragmentsNotJudged = collector.Fragments,
            UntrackedPackets = collector.Untracked,
            ReportedDrops = pass.Drops,
            FirstTime = pass.First,
            LastTime = pass.Last,
            Error = pass.Error,
        };
    }

    private delegate void PacketVisitor(ReadOnlySpan<byte> frame, in DecodedPacket packet, CaptureReader reader);

    private sealed record PassResult(string Format, long Packets, long Drops, DateTimeOffset? First, DateTimeOffset? Last, CaptureFormatException? Error);

    private static PassResult Read(string path, PacketVisitor visit)
    {
        var format = "pcap";
        long packets = 0, drops = 0;
        DateTimeOffset? first = null, last = null;
        try
        {
            using var reader = CaptureReader.Open(path);
            format = reader.Format;
            var p = default(DecodedPacket);
            while (reader.Next())
            {
                var frame = reader.Data;
                PacketDecoder.Decode(frame, reader.LinkType, ref p);
                visit(frame, p, reader);
                packets = reader.Number;
                first ??= reader.Timestamp;
                last = reader.Timestamp;
            }
            drops = reader.ReportedDrops;
        }
        catch (CaptureFormatException e)
        {
            return new PassResult(format, packets, drops, first, last, e);
        }
        return new PassResult(format, packets, drops, first, last, null);
    }
}
