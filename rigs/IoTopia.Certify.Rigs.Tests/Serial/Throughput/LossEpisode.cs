namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// A run of consecutive refused writes. <see cref="WriterGap"/> is how long the writer had been held up
/// before the first of them: a burst after a writer stall is the simulation's artefact (a wire spreads
/// those bytes over the stall), a refusal of an on-time write means the reader fell behind.
/// </summary>
internal sealed record LossEpisode(int FirstWrite, int Writes, long Bytes, long SourceOffset, TimeSpan WriterGap)
{
    /// <summary>The runs of refused writes in <paramref name="ledger"/>, in order.</summary>
    public static IReadOnlyList<LossEpisode> In(WriteLedger ledger)
    {
        var writes = ledger.Writes;
        var episodes = new List<LossEpisode>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Refused == 0)
                continue;
            var first = i;
            long bytes = 0;
            while (i < writes.Count && writes[i].Refused > 0)
                bytes += writes[i++].Refused;
            var gap = writes[first].At - (first == 0 ? ledger.Started : writes[first - 1].At);
            episodes.Add(new LossEpisode(first, i - first, bytes, writes[first].SourceOffset + writes[first].Accepted, gap));
        }
        return episodes;
    }
}
