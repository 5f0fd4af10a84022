namespace IoTopia.Certify.Reports.Pdf;

/// <summary>
/// The last lines a child wrote, for a failure message: bounded in count and length, with Chromium's harmless
/// noise on a machine without a desktop (D-Bus, the launcher's /dev/shm probe) left out.
/// </summary>
internal sealed class OutputTail
{
    private const int MaxLines = 20;
    private const int MaxLineLength = 300;

    private static readonly string[] Noise = ["dbus", "D-Bus", "unexpected operator", "dev-shm", "Fontconfig"];

    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        if (line.Length == 0 || Noise.Any(n => line.Contains(n, StringComparison.Ordinal)))
            return;
        var clean = new string(line.Take(MaxLineLength).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        lock (gate)
        {
            lines.Enqueue(clean);
            while (lines.Count > MaxLines)
                lines.Dequeue();
        }
    }

    public string Last()
    {
        lock (gate)
            return lines.LastOrDefault() ?? "";
    }

    public bool Any(Func<string, bool> predicate)
    {
        lock (gate)
            return lines.Any(predicate);
    }
}
