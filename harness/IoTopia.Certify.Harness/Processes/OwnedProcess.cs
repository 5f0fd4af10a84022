using System.Diagnostics;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Processes;

/// <summary>
/// A child process the harness owns: its pid and start time go in the journal when it starts, and
/// it is killed (with its children) and reaped when its owner ends.
/// </summary>
public sealed class OwnedProcess : IAsyncDisposable
{
    private readonly Journal _journal;
    private bool _ended;

    private OwnedProcess(Process process, ProcessIdentity identity, Journal journal)
    {
        Process = process;
        Identity = identity;
        _journal = journal;
    }

    public Process Process { get; }
    public ProcessIdentity Identity { get; }
    public bool HasExited => Process.HasExited;

    public static OwnedProcess Start(ProcessStartInfo info, Journal journal, string? scenarioId)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var ticks = ProcessIdentity.ReadStartTicks(process.Id) ?? 0;
        var identity = new ProcessIdentity(process.Id, ticks);
        journal.Append(new ProcessStarted
        {
            Pid = process.Id,
            StartTicks = ticks,
            Command = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList)),
            ScenarioId = scenarioId,
        });
        return new OwnedProcess(process, identity, journal);
    }

    /// <summary>Waits for the process to exit by itself until <paramref name="ct"/> is cancelled.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => Process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_ended)
            return;
        _ended = true;
        var killed = false;
        if (!Process.HasExited)
        {
            try
            {
                Process.Kill(entireProcessTree: true);
                killed = true;
            }
            catch (InvalidOperationException)
            {
                // exited between the check and the kill
            }
        }
        using var reap = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Process.WaitForExitAsync(reap.Token);
        }
        catch (OperationCanceledException)
        {
            _journal.Append(new Note { Text = $"process {Identity.Pid} did not exit within 10s of SIGKILL" });
        }
        _journal.Append(new ProcessEnded
        {
            Pid = Identity.Pid,
            ExitCode = Process.HasExited ? Process.ExitCode : null,
            Killed = killed,
        });
        Process.Dispose();
    }
}
