using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Cli.Terminal;

/// <summary>One plain line per event worth a line, for logs and CI. Device strings are made safe for a terminal.</summary>
public sealed class PlainObserver(TextWriter output) : IRunObserver
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly Lock _lock = new();

    public void OnEvent(JournalEvent e)
    {
        var line = e switch
        {
            RunStarted s => $"run {s.Run.Id}: {s.Plan.Count(p => p.Skip is null)} scenarios to run, {s.Plan.Count(p => p.Skip is not null)} skipped; rig {s.Run.Rig.Name}; seed {s.Run.Seed}",
            RunResumed r => $"resumed (pid {r.Pid}); reaped {r.ReapedPids.Count} leftover processes; dropped {r.TornBytesDropped} torn journal bytes",
            ScenarioSkipped s => $"{s.ScenarioId}: skipped ({s.Reason.Name()}: {Safe(s.Detail)})",
            AttemptStarted a => $"{a.ScenarioId}: attempt {a.Attempt}",
            StepEnded s => $"{s.ScenarioId}#{s.Attempt} {s.Step.Seq:D3} {s.Step.Name}{(s.Step.Phase == StepPhase.Cleanup ? " (clean-up)" : "")}: {s.Step.Verdict.Name()}{(s.Step.Reason.Length == 0 ? "" : " - " + Safe(s.Step.Reason))}",
            AttemptEnded a when a.Interrupted => $"{a.ScenarioId}: attempt {a.Attempt} interrupted",
            ScenarioEnded s => $"{s.ScenarioId}: {s.Verdict.Name().ToUpperInvariant()} - {Safe(s.Reason)}",
            RunInterrupted r => $"run interrupted: {r.Reason}",
            _ => null,
        };
        if (line is null)
            return;
        lock (_lock)
            output.WriteLine($"[{(DateTimeOffset.UtcNow - _start).TotalSeconds,7:0.0}s] {line}");
    }

    private static string Safe(string text) => DeviceText.ForTerminal(text, 300);
}
