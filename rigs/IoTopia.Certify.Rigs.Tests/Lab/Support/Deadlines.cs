namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>Deadlines for waits in the lab tests (generous: 2 busy cores), and the quiet period that counts as "no reply".</summary>
public static class Deadlines
{
    public static readonly TimeSpan Reply = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Device = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);
}
