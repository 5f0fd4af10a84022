using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Reports.Tests.Pdf;

/// <summary>Keeps what the printer said about its browser process.</summary>
public sealed class RecordingObserver : IChildProcessObserver
{
    private readonly Lock gate = new();

    public List<(int Pid, string Command)> Starts { get; } = [];

    public List<(int Pid, int? ExitCode, bool Killed)> Ends { get; } = [];

    /// <summary>The throw-away profile of the (single) browser started, from its command line.</summary>
    public string Profile
    {
        get
        {
            var command = Starts.Single().Command;
            var start = command.IndexOf("--user-data-dir=", StringComparison.Ordinal) + "--user-data-dir=".Length;
            var userData = command[start..command.IndexOf(' ', start)];
            return Path.GetDirectoryName(userData)!;
        }
    }

    public void Started(int pid, string command)
    {
        lock (gate)
            Starts.Add((pid, command));
    }

    public void Ended(int pid, int? exitCode, bool killed)
    {
        lock (gate)
            Ends.Add((pid, exitCode, killed));
    }
}
