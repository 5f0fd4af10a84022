namespace IoTopia.Certify.Rigs.Capture;

/// <summary>How a live capture opens its interface. The defaults suit loopback, a veth and a bench NIC.</summary>
public sealed record LiveCaptureOptions
{
    public int SnapLength { get; init; } = PcapWriter.DefaultSnapLength;

    /// <summary>The kernel's capture buffer: a burst larger than this is dropped (and counted).</summary>
    public int BufferBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How long a read waits for packets; bounds how long a stop waits for the reader.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliver each packet at once rather than in kernel blocks (lower latency, more wake-ups).</summary>
    public bool Immediate { get; init; } = true;

    /// <summary>Capture frames not addressed to this host too (a bench NIC on the DUT's segment); ignored on loopback.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>How often the reader samples libpcap's drop counters.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
