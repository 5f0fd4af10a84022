namespace IoTopia.Certify.Mud.Signature;

/// <summary>How certificate validity periods are judged. <see cref="Time"/> is "now" for <see cref="TimeCheckKind.Now"/> and <see cref="TimeCheckKind.Waived"/>.</summary>
public sealed record TimeCheck(TimeCheckKind Kind, DateTimeOffset Time)
{
    public static TimeCheck Now() => new(TimeCheckKind.Now, DateTimeOffset.UtcNow);

    public static TimeCheck AsOf(DateTimeOffset time) => new(TimeCheckKind.At, time);

    public static TimeCheck Waived() => new(TimeCheckKind.Waived, DateTimeOffset.UtcNow);
}
