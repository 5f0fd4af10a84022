namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// Limits of pattern scans over serial text. Device output is hostile: a line longer than
/// <see cref="MaxLineChars"/> is clipped for matching (the evidence keeps every byte), and a match
/// that spans lines may be at most <see cref="MaxSpanChars"/> long.
/// </summary>
public sealed record SerialScanLimits
{
    public int MaxLineChars { get; init; } = 16 * 1024;
    public int MaxSpanChars { get; init; } = 4 * 1024;
}
