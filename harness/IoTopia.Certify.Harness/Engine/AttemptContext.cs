using System.Diagnostics;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Processes;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>One attempt of one scenario: its activities, its child processes and its step numbering.</summary>
public sealed class AttemptContext
{
    private readonly ProcessGroup _processes;
    private int _lastSeq;

    internal AttemptContext(RunContext run, Scenario scenario, int attempt, int lastSeq, CancellationToken lifetime)
    {
        Run = run;
        Scenario = scenario;
        Number = attempt;
        _lastSeq = lastSeq;
        Lifetime = lifetime;
        Activities = new ActivitySet(run.Journal, scenario.Id, attempt, lifetime);
        _processes = new ProcessGroup(run.Journal, scenario.Id);
        Random = new Random(unchecked((int)((run.Seed * 31 + StableHash(scenario.Id)) * 31 + attempt)));
    }

    public RunContext Run { get; }
    public Scenario Scenario { get; }
    public int Number { get; }
    public ActivitySet Activities { get; }

    /// <summary>Per-attempt state drivers keep between steps (e.g. the serial cursor), by a key of their own.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Seeded from the run's seed, the scenario and the attempt: the same run draws the same values.</summary>
    public Random Random { get; }

    /// <summary>Ends when the attempt ends: background work tied to it stops then.</summary>
    public CancellationToken Lifetime { get; }

    internal int NextSeq() => Interlocked.Increment(ref _lastSeq);

    /// <summary>Starts a child process owned by this attempt: journaled, and killed and reaped when the attempt ends.</summary>
    public OwnedProcess StartProcess(ProcessStartInfo info) => _processes.Start(info);

    internal Task ReapProcessesAsync() => _processes.ReapAsync();

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s)
                h = (h ^ c) * 16777619;
            return h;
        }
    }
}
