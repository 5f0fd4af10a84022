using System.Runtime.InteropServices;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>Sends a POSIX signal to a process (kill(2)); .NET itself only sends SIGKILL.</summary>
internal static class Signals
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
