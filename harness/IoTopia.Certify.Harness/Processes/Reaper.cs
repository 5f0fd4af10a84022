using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Processes;

/// <summary>Finds, from a journal, the child processes of a killed run that still live, and kills them.</summary>
public static class Reaper
{
    public static IReadOnlyList<ProcessIdentity> Survivors(IEnumerable<JournalEvent> events)
    {
        var started = new Dictionary<int, ProcessIdentity>();
        foreach (var e in events)
        {
            switch (e)
            {
                case ProcessStarted s:
                    started[s.Pid] = new ProcessIdentity(s.Pid, s.StartTicks);
                    break;
                case ProcessEnded x:
                    started.Remove(x.Pid);
                    break;
            }
        }
        return started.Values.Where(p => p.StartTicks != 0 && p.IsAlive).ToList();
    }

    public static async Task<IReadOnlyList<int>> ReapAsync(IEnumerable<JournalEvent> events, CancellationToken ct)
    {
        var reaped = new List<int>();
        foreach (var survivor in Survivors(events))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(survivor.Pid);
                process.Kill(entireProcessTree: true);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(10));
                await WaitGoneAsync(survivor, deadline.Token);
                reaped.Add(survivor.Pid);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        return reaped;
    }

    private static async Task WaitGoneAsync(ProcessIdentity identity, CancellationToken ct)
    {
        // not our child any more (its parent died), so we cannot wait(): poll /proc with a deadline
        while (identity.IsAlive)
            await Task.Delay(20, ct);
    }
}
