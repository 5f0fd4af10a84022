namespace IoTopia.Certify.TestKit;

/// <summary>Linux process facts read straight from /proc, and signals sent with kill(1).</summary>
public static class LinuxProcess
{
    /// <summary>Alive and not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task SignalAsync(int pid, string signal)
    {
        _ = await ExternalProgram.RunAsync("kill", ["-s", signal, pid.ToString()], TimeSpan.FromSeconds(10));
    }
}
