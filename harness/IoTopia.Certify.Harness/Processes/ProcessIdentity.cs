namespace IoTopia.Certify.Harness.Processes;

/// <summary>
/// A process as the kernel knows it: pid plus its start time in clock ticks (field 22 of
/// /proc/PID/stat), so a recycled pid is never mistaken for a process we started.
/// </summary>
public readonly record struct ProcessIdentity(int Pid, long StartTicks)
{
    public static long? ReadStartTicks(int pid) => ReadStat(pid)?.StartTicks;

    /// <summary>Alive: same start time, and not a zombie waiting to be reaped.</summary>
    public bool IsAlive => ReadStat(Pid) is { } stat && stat.StartTicks == StartTicks && stat.State is not ('Z' or 'X');

    private static (char State, long StartTicks)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (rest[0][0], long.Parse(rest[19], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
