using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>Captures the DUT's traffic on the rig's interface into a pcap evidence file.</summary>
public interface ICaptureProtocol
{
    /// <summary>Why capture cannot work here (no rights, no interface), or null when it can.</summary>
    string? Unavailable { get; }

    /// <summary>Starts capturing packets that match <paramref name="bpfFilter"/>, writing them to <paramref name="pcap"/> as they arrive.</summary>
    Task<ICaptureSession> StartAsync(EvidenceFile pcap, string bpfFilter, CancellationToken ct);
}

public interface ICaptureSession : IAsyncDisposable
{
    /// <summary>Packets and drops so far.</summary>
    CaptureStats Stats { get; }

    /// <summary>Stops the capture and closes the pcap; returns the final counts.</summary>
    Task<CaptureStats> StopAsync(CancellationToken ct);
}

/// <summary>Delivered: packets written to the pcap (counted by us; libpcap counts twice on lo). Dropped: by the kernel or the interface.</summary>
public sealed record CaptureStats(long Delivered, long Dropped, long DutPackets);
