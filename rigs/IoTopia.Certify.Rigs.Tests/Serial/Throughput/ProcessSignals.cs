using System.ComponentModel;
using System.Runtime.InteropServices;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>Pausing and resuming a process the test owns (SIGSTOP / SIGCONT), to make a pty back up.</summary>
internal static partial class ProcessSignals
{
    private const int Continue = 18;
    private const int Stop = 19;

    public static void Pause(int pid) => Send(pid, Stop);

    public static void Resume(int pid) => Send(pid, Continue);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({pid}, {signal})");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
