using System.Diagnostics;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>What every scenario of one run shares: the run folder, journal, evidence store, rig and seed.</summary>
public sealed class RunContext
{
    private ProcessGroup? _processes;
    private int _runEvidenceSeq;

    public required RunFolder Folder { get; init; }
    public required Journal Journal { get; init; }
    public required EvidenceStore Evidence { get; init; }
    public required RigRuntime Rig { get; init; }
    public required StepRegistry Steps { get; init; }
    public required long Seed { get; init; }

    /// <summary>The manufacturer's conformance statement of the run (<see cref="ConformanceStatement.None"/> without one): steps may read its IXIT facts where a fact is optional (a declared MUD URL).</summary>
    public ConformanceStatement Statement { get; init; } = ConformanceStatement.None;

    /// <summary>
    /// The operator's answers recorded before this process took over the run (<c>certify resume</c>): a value asked again
    /// is taken from here rather than asked twice.
    /// </summary>
    public IReadOnlyList<OperatorAnswered> EarlierAnswers { get; init; } = [];

    /// <summary>Cancelled on Ctrl-C or SIGTERM: the run stops after cleanup and can be resumed.</summary>
    public CancellationToken Interrupted { get; init; }

    private ProcessGroup Processes => _processes ??= new ProcessGroup(Journal, null);

    /// <summary>Starts a child process that lives as long as the run (socat, the device, a lab service): journaled, reaped at the end.</summary>
    public OwnedProcess StartProcess(ProcessStartInfo info) => Processes.Start(info);

    internal Task ReapProcessesAsync() => _processes?.ReapAsync() ?? Task.CompletedTask;

    /// <summary>Opens a run-long evidence file under <c>evidence/_run/</c> (lab service logs, continuous serial).</summary>
    public EvidenceFile CreateRunEvidence(string name, string extension, string kind, string mediaType)
    {
        if (Volatile.Read(ref _runEvidenceSeq) == 0)
            Interlocked.CompareExchange(ref _runEvidenceSeq, LastRunEvidenceSeq(), 0); // a resumed run continues the numbering
        var seq = Interlocked.Increment(ref _runEvidenceSeq);
        return Evidence.Create(EvidenceStore.RunScope, 0, seq, name, null, extension, kind, mediaType,
            record => Journal.Append(new EvidenceAdded { ScenarioId = EvidenceStore.RunScope, StepSeq = seq, Evidence = record }));
    }

    private int LastRunEvidenceSeq()
    {
        var folder = Path.Combine(Folder.Evidence, EvidenceStore.RunScope);
        if (!Directory.Exists(folder))
            return 0;
        return Directory.EnumerateFiles(folder)
            .Select(f => int.TryParse(Path.GetFileName(f).Split('-')[0], out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Records what the rig chose when it started: the rig-kind options in effect (results.json <c>run.rig.options</c>,
    /// e.g. its address slot) and other details of the bench (device identity, tool paths; journal only).
    /// </summary>
    public void RecordRig(System.Text.Json.Nodes.JsonObject? options = null, System.Text.Json.Nodes.JsonObject? details = null) =>
        Journal.Append(new RigStarted { Options = options, Details = details });
}
