namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// Every write the paced writer made. The bytes the tty accepted, in order, are what the serial
/// evidence must hold; the refused ones are counted as loss with their traffic offsets.
/// </summary>
internal sealed class WriteLedger
{
    private readonly List<SerialWrite> _writes = [];

    public IReadOnlyList<SerialWrite> Writes => _writes;

    /// <summary>When the writer's clock started: the wire rate counts from here.</summary>
    public DateTimeOffset Started { get; init; }

    public long Offered { get; private set; }
    public long Accepted { get; private set; }
    public long Lost => Offered - Accepted;

    public void Add(SerialWrite write)
    {
        _writes.Add(write);
        Offered += write.Requested;
        Accepted += write.Accepted;
    }

    /// <summary>The refused stretches of the traffic: (offset in the traffic, bytes).</summary>
    public IEnumerable<(long SourceOffset, int Bytes)> Losses =>
        _writes.Where(w => w.Refused > 0).Select(w => (w.SourceOffset + w.Accepted, w.Refused));

    /// <summary>Where in the evidence each refused stretch is missing: the offset the next accepted byte has.</summary>
    public IEnumerable<long> LossEvidenceOffsets()
    {
        long at = 0;
        foreach (var write in _writes)
        {
            at += write.Accepted;
            if (write.Refused > 0)
                yield return at;
        }
    }

    /// <summary>What the evidence must hold: the accepted bytes of <paramref name="traffic"/>, in order.</summary>
    public byte[] ExpectedEvidence(ReadOnlySpan<byte> traffic)
    {
        var expected = new byte[Accepted];
        var at = 0;
        foreach (var write in _writes)
        {
            traffic.Slice((int)write.SourceOffset, write.Accepted).CopyTo(expected.AsSpan(at));
            at += write.Accepted;
        }
        return expected;
    }

    /// <summary>Each accepted write as (offset of its first byte in the evidence, the write).</summary>
    public IEnumerable<(long EvidenceOffset, SerialWrite Write)> AcceptedWrites()
    {
        long at = 0;
        foreach (var write in _writes.Where(w => w.Accepted > 0))
        {
            yield return (at, write);
            at += write.Accepted;
        }
    }
}
