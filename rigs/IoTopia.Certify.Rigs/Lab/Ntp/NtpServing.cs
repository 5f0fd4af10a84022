namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>
/// How the lab's NTP server serves time during a scenario: from the host clock shifted by <paramref name="Offset"/>
/// (zero: the host's time), or not at all when <paramref name="Answer"/> is false (the server is silent, as when
/// the network's time source is down).
/// </summary>
public sealed record NtpServing(TimeSpan Offset, bool Answer = true)
{
    /// <summary>The run's default: the host clock, every client request answered.</summary>
    public static readonly NtpServing HostClock = new(TimeSpan.Zero);

    public override string ToString() => !Answer ? "silent" : Offset == TimeSpan.Zero ? "host clock" : $"host clock {(Offset < TimeSpan.Zero ? "-" : "+")}{Offset.Duration().TotalSeconds:0.###} s";
}
