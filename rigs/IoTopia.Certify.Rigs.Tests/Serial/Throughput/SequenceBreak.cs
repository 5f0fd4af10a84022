namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// A line of the evidence, [<see cref="LineStart"/>, <see cref="LineEnd"/>), whose sequence number does not
/// follow that of the line before it (at <see cref="PreviousLineStart"/>), or that has none.
/// </summary>
internal sealed record SequenceBreak(long PreviousLineStart, long LineStart, long LineEnd, string Text)
{
    /// <summary>True when a counted loss landed in the previous line or in this one: the break is that loss, located.</summary>
    public bool IsExplainedBy(IEnumerable<long> lossEvidenceOffsets) =>
        lossEvidenceOffsets.Any(offset => offset > PreviousLineStart && offset < LineEnd);
}
