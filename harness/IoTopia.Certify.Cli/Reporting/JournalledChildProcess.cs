using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Cli.Reporting;

/// <summary>The printing browser as an owned child of the run: its pid, start time and end go in the journal like every other process.</summary>
public sealed class JournalledChildProcess(Journal journal) : IChildProcessObserver
{
    public void Started(int pid, string command) =>
        journal.Append(new ProcessStarted { Pid = pid, StartTicks = ProcessIdentity.ReadStartTicks(pid) ?? 0, Command = command });

    public void Ended(int pid, int? exitCode, bool killed) =>
        journal.Append(new ProcessEnded { Pid = pid, ExitCode = exitCode, Killed = killed });
}
