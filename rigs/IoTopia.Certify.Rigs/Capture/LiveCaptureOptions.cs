namespace IoTopia.Certify.Rigs.Capture;

/// <summary>How a live capture opens its interface. The defaults suit loopback, a veth and a bench NIC.</summary>
public sealed record LiveCaptureOptions
{
    public int SnapLength { get; init; } = PcapWriter.DefaultSnapLength;

    /// <summary>The kernel's capture buffer: a burst larger than this is dropped (and counted).</summary>
    public int BufferBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>libpcap's read timeout: in block mode, how long a partly filled block waits before it is handed over
    /// (the latency of a packet on a quiet link).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliver each packet at once rather than in kernel blocks of up to a read timeout. Off by default: in
    /// immediate mode libpcap gives the kernel a ring of one frame per MTU-sized packet (about 500 on lo), which a
    /// burst overflows; blocks hold hundreds of thousands of small packets.</summary>
    public bool Immediate { get; init; }

    /// <summary>Capture frames not addressed to this host too (a bench NIC on the DUT's segment); ignored on loopback.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>How often the reader takes a loss checkpoint (<see cref="LossLedger"/>).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
