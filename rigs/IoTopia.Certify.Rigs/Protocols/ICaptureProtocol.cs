using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>Captures the DUT's traffic on the rig's interface into a pcap evidence file.</summary>
[Capability("capture")]
public interface ICaptureProtocol
{
    /// <summary>Why capture cannot work here (no rights, no interface), or null when it can.</summary>
    string? Unavailable { get; }

    /// <summary>The DUT's address (and the harness probe's) on the captured network: the default filter and the DUT packet count use it.</summary>
    CaptureTarget Target { get; }

    /// <summary>Starts capturing packets that match <see cref="CaptureSettings.Filter"/>, writing them to <paramref name="pcap"/> as they arrive.
    /// From then on the session owns <paramref name="pcap"/> and closes it when it stops.</summary>
    Task<ICaptureSession> StartAsync(EvidenceFile pcap, CaptureSettings settings, CancellationToken ct);
}

public interface ICaptureSession : IAsyncDisposable
{
    /// <summary>Packets and drops so far.</summary>
    CaptureStats Stats { get; }

    /// <summary>Why the capture ended by itself (the interface went away, the pcap could not be written), or null while it is healthy.</summary>
    string? Failure { get; }

    /// <summary>Stops the capture and closes the pcap; returns the final counts.</summary>
    Task<CaptureStats> StopAsync(CancellationToken ct);
}

/// <summary>Delivered: packets written to the pcap (counted by us; libpcap counts twice on lo). Dropped: by the kernel or the interface.</summary>
public sealed record CaptureStats(long Delivered, long Dropped, long DutPackets)
{
    /// <summary><see cref="Dropped"/> counts the packets lost among those that arrived up to this moment (null: none settled yet).
    /// After a stop it is the stop's moment.</summary>
    public DateTimeOffset? DroppedUntil { get; init; }
}
