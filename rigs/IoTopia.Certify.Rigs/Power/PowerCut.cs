using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>A power cut made on a serial match: what matched, when, and when the cut was actually made.</summary>
/// <param name="CutAt">just before the power was switched off</param>
/// <param name="OffAt">when switching off had completed (the process reaped, the command returned)</param>
public sealed record PowerCut(SerialMatch Match, TimeSpan After, DateTimeOffset CutAt, DateTimeOffset OffAt)
{
    /// <summary>From the arrival of the match's last byte to the cut.</summary>
    public TimeSpan Delay => CutAt - Match.At;
}
