namespace IoTopia.Certify.Rigs.Serial;

/// <summary>A time the serial port was gone: what the device printed then was not received.</summary>
public sealed record SerialGap(long Offset, DateTimeOffset LostAt, string Reason)
{
    public DateTimeOffset? BackAt { get; init; }

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => LostAt <= to && (BackAt ?? DateTimeOffset.MaxValue) >= from;
}
