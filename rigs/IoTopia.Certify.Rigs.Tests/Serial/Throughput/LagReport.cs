using System.Globalization;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// The reader's lag: for each accepted write, the time from the write to the arrival time the index
/// gives its last byte. Percentiles are nearest-rank.
/// </summary>
internal sealed class LagReport
{
    private readonly double[] _sortedMs;

    private LagReport(double[] lagsMs)
    {
        LagsMs = lagsMs;
        _sortedMs = [.. lagsMs.Order()];
    }

    /// <summary>Lags in write order, in milliseconds.</summary>
    public IReadOnlyList<double> LagsMs { get; }

    public double P50 => Percentile(50);
    public double P99 => Percentile(99);
    public double Max => _sortedMs.Length == 0 ? 0 : _sortedMs[^1];
    public double Min => _sortedMs.Length == 0 ? 0 : _sortedMs[0];

    public static LagReport Of(WriteLedger ledger, SerialIndexFile index) =>
        new([.. ledger.AcceptedWrites().Select(w => (index.TimeAt(w.EvidenceOffset + w.Write.Accepted - 1) - w.Write.At).TotalMilliseconds)]);

    public double Percentile(double p)
    {
        if (_sortedMs.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(p / 100 * _sortedMs.Length);
        return _sortedMs[Math.Clamp(rank - 1, 0, _sortedMs.Length - 1)];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"lag over {LagsMs.Count} writes: p50 {P50:0.###} ms, p99 {P99:0.###} ms, max {Max:0.###} ms, min {Min:0.###} ms");
}
