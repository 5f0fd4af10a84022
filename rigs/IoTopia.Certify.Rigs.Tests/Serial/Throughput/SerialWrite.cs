namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>One offer to the tty: where in the traffic it began, how many bytes were offered and taken, and when (just before the write).</summary>
internal sealed record SerialWrite(long SourceOffset, int Requested, int Accepted, DateTimeOffset At)
{
    public int Refused => Requested - Accepted;
}
