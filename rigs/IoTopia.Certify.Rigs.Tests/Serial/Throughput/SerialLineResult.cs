namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>What one paced run over the pty left: the traffic, the writer's ledger and the console's evidence files read back.</summary>
internal sealed record SerialLineResult
{
    public required SerialTraffic Traffic { get; init; }
    public required WriteLedger Ledger { get; init; }
    public required double BytesPerSecond { get; init; }

    /// <summary>The writer's pacing interval.</summary>
    public required TimeSpan Tick { get; init; }

    /// <summary>From the writer's start to its last write.</summary>
    public required TimeSpan WriteDuration { get; init; }

    /// <summary>From the last write until the console held every accepted byte.</summary>
    public required TimeSpan Drain { get; init; }

    public required byte[] RawEvidence { get; init; }
    public required SerialIndexFile Index { get; init; }
    public required string RenderedLog { get; init; }

    /// <summary>Per accepted write, the arrival time the console's in-memory offset→time index gave its last byte.</summary>
    public required IReadOnlyList<DateTimeOffset> InMemoryTimes { get; init; }

    public double AchievedBytesPerSecond => Ledger.Offered / WriteDuration.TotalSeconds;
}
