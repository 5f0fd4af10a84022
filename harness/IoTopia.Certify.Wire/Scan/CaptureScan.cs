using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Wire.Scan;

/// <summary>
/// Reads a whole capture once: every frame decoded (<see cref="FrameDecoder"/>), the device's flows
/// collected (<see cref="FlowCollector"/>), names bound from DNS answers other hosts sent, and each packet
/// shown to an optional observer. When the device is selected by MAC and the link type carries no
/// destination MAC (Linux cooked capture), the device's addresses are complete only at the end of the
/// pass, so the flows are collected again in a second pass. Memory grows with flows and names, not packets.
/// </summary>
public static class CaptureScan
{
    /// <summary>
    /// The entry for hostile bytes (fuzzing): decodes the whole capture and collects flows. Its only
    /// failure on malformed input is <see cref="CaptureFormatException"/> (with the byte offset).
    /// </summary>
    public static CaptureScanResult Collect(byte[] capture, FlowCollectorOptions options)
    {
        var result = Run(() => (new MemoryStream(capture, writable: false), false), "capture", options);
        return result.Error is { } error ? throw error : result;
    }

    /// <summary>Scans a capture file; a malformed capture ends the scan with <see cref="CaptureScanResult.Error"/> set (not thrown).</summary>
    public static CaptureScanResult Run(string path, FlowCollectorOptions options, IPacketObserver? observer = null) =>
        Run(() => (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan), false), path, options, observer);

    /// <summary>Scans a capture from a stream (e.g. standard input); a second pass happens only when it can seek.</summary>
    public static CaptureScanResult Run(Stream stream, string name, FlowCollectorOptions options, IPacketObserver? observer = null)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var opened = false;
        return Run(() =>
        {
            if (opened && !stream.CanSeek)
                return null;
            if (opened)
                stream.Position = start;
            opened = true;
            return (stream, true);
        }, name, options, observer);
    }

    private static CaptureScanResult Run(Func<(Stream Stream, bool LeaveOpen)?> open, string name, FlowCollectorOptions options, IPacketObserver? observer = null)
    {
        var names = new NameBindings();
        var collector = new FlowCollector(options);
        var first = Pass(open()!.Value, name, collector, names, options, observer);
        var secondSkipped = false;
        if (collector.UsedLearnedAddresses && options.Device.Mac is not null)
        {
            if (open() is { } again)
            {
                var learned = collector.DeviceAddresses;
                collector = new FlowCollector(options, learned);
                var second = Pass(again, name, collector, names: null, options, observer: null);
                first = first with { Error = first.Error ?? second.Error };
            }
            else
                secondSkipped = true;
        }
        return first with { Flows = collector, SecondPassSkipped = secondSkipped };
    }

    private static CaptureScanResult Pass((Stream Stream, bool LeaveOpen) source, string name, FlowCollector collector, NameBindings? names, FlowCollectorOptions options, IPacketObserver? observer)
    {
        var format = "pcap";
        long packets = 0, drops = 0;
        long? first = null, last = null;
        var dnsPorts = options.DnsPorts.ToArray();
        CaptureFormatException? error = null;
        try
        {
            using var reader = CaptureReader.Open(source.Stream, name, source.LeaveOpen);
            format = reader.Format;
            var p = default(DecodedPacket);
            while (reader.Next())
            {
                var frame = reader.Data;
                FrameDecoder.Decode(frame, reader.LinkType, ref p);
                observer?.Observe(frame, p, reader.Number);
                if (names is not null && p.IsUdp && p.PayloadLength > 0 && Array.IndexOf(dnsPorts, p.SourcePort) >= 0 && !collector.SentByDevice(p))
                    DnsAnswerReader.Read(frame.Slice(p.PayloadOffset, p.PayloadLength), names);
                collector.Observe(frame, p, reader.Number, reader.TimestampNanos, reader.OriginalLength);
                packets = reader.Number;
                first ??= reader.TimestampNanos;
                last = reader.TimestampNanos;
            }
            drops = reader.ReportedDrops;
        }
        catch (CaptureFormatException e)
        {
            error = e;
        }
        return new CaptureScanResult
        {
            Format = format,
            Flows = collector,
            Names = names ?? new NameBindings(),
            Packets = packets,
            ReportedDrops = drops,
            FirstNanos = first,
            LastNanos = last,
            Error = error,
        };
    }
}
