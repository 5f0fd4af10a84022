namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Works out how many packets a capture lost, because libpcap's drop counter cannot be trusted: on this
/// project's kernels a full capture ring loses packets while <c>ps_drop</c> stays 0 (dumpcap shows the
/// same). What libpcap does count is every packet that passed the filter (<c>ps_recv</c>; on lo each one
/// twice, outgoing and incoming copy). So at a checkpoint <c>t</c> the reader notes <c>ps_recv</c>; once
/// it has read everything captured up to <c>t</c> (a packet stamped well after <c>t</c>, or a read that
/// waited and found nothing), the packets lost up to <c>t</c> are those received by then less those read.
/// The reader alone calls the methods; <see cref="Latest"/> may be read from anywhere.
/// </summary>
internal sealed class LossLedger(int copiesPerPacket, TimeSpan reorderMargin, TimeSpan quietAfter)
{
    private Checkpoint? _pending;
    private long _readAfterPending;
    private LossCount? _latest;

    /// <summary>The newest exact count, or null before the first checkpoint was settled.</summary>
    public LossCount? Latest => Volatile.Read(ref _latest);

    public bool Pending => _pending is not null;

    /// <summary>Notes libpcap's counters at <paramref name="at"/>; replaces a checkpoint not yet settled.</summary>
    public void Take(DateTimeOffset at, long received, long kernelDrops, long interfaceDrops)
    {
        _pending = new Checkpoint(at, received, kernelDrops, interfaceDrops);
        _readAfterPending = 0;
    }

    /// <summary>After each packet read; <paramref name="delivered"/> counts it. True when this settled the checkpoint.</summary>
    public bool OnPacket(DateTimeOffset stamped, long delivered)
    {
        if (_pending is not { } p || stamped <= p.At)
            return false;
        _readAfterPending++;
        if (stamped <= p.At + reorderMargin)
            return false; // packets stamped just before the checkpoint may still follow (several CPUs)
        Settle(p, delivered - _readAfterPending);
        return true;
    }

    /// <summary>
    /// After a read that waited and found nothing, ending at <paramref name="readEnded"/>: packets that arrived before
    /// the checkpoint would have woken it (in block mode once their block retired, <c>quietAfter</c> at the latest).
    /// True when this settled the checkpoint.
    /// </summary>
    public bool OnQuiet(DateTimeOffset readEnded, long delivered)
    {
        if (_pending is not { } p || readEnded < p.At + quietAfter)
            return false;
        Settle(p, delivered - _readAfterPending);
        return true;
    }

    private void Settle(Checkpoint p, long readUpToCheckpoint)
    {
        var captured = (p.Received + copiesPerPacket - 1) / copiesPerPacket;
        var lost = Math.Max(Math.Max(0, captured - readUpToCheckpoint), p.KernelDrops) + p.InterfaceDrops;
        Volatile.Write(ref _latest, new LossCount(p.At, lost));
        _pending = null;
    }

    private sealed record Checkpoint(DateTimeOffset At, long Received, long KernelDrops, long InterfaceDrops);
}
