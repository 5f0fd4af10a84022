using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// What a running step gets: the rig, its attempt (activities, processes), its evidence files,
/// measurements and details, and clean-up actions that run even when the step is cut off.
/// </summary>
public sealed class StepContext
{
    private readonly List<EvidenceRecord> _evidence = [];
    private readonly List<Measurement> _measurements = [];
    private readonly List<Func<CancellationToken, Task>> _deferred = [];
    private readonly Lock _lock = new();
    private bool _ended;

    internal StepContext(AttemptContext attempt, int seq, string stepName, StepPhase phase)
    {
        Attempt = attempt;
        Seq = seq;
        StepName = stepName;
        Phase = phase;
        Drivers = new StepDrivers(stepName, attempt.Run.Steps.Contains(stepName) ? attempt.Run.Steps.Declared(stepName) : new HashSet<Type>(),
            attempt.Run.Rig.Drivers);
    }

    public AttemptContext Attempt { get; }
    public int Seq { get; }
    public string StepName { get; }
    public StepPhase Phase { get; }
    public RigRuntime Rig => Attempt.Run.Rig;

    /// <summary>The rig's drivers of the protocols this step declares (<see cref="NeedsAttribute"/>).</summary>
    public StepDrivers Drivers { get; }

    /// <summary>The rig's facts and resources that are not drivers (address plan, manufacturer files).</summary>
    public RigResources Resources => Rig.Resources;
    public ActivitySet Activities => Attempt.Activities;
    public Random Random => Attempt.Random;

    /// <summary>Free-form, step-specific facts for the report (flows, served responses, messages).</summary>
    public JsonObject Details { get; } = new();

    /// <summary>Opens an evidence file of this step; it is recorded when closed, even after the step ended.</summary>
    public EvidenceFile CreateEvidence(string extension, string kind, string mediaType, string? label = null) =>
        Attempt.Run.Evidence.Create(Attempt.Scenario.Id, Attempt.Number, Seq, StepName, label, extension, kind, mediaType, Attach);

    public async Task<EvidenceRecord> WriteEvidenceAsync(string extension, string kind, string mediaType, ReadOnlyMemory<byte> content,
        string? label = null, CancellationToken ct = default)
    {
        EvidenceRecord? record = null;
        await using (var file = Attempt.Run.Evidence.Create(Attempt.Scenario.Id, Attempt.Number, Seq, StepName, label, extension, kind,
                         mediaType, r => { record = r; Attach(r); }))
        {
            await file.WriteAsync(content, ct);
        }
        return record!;
    }

    public Task<EvidenceRecord> WriteEvidenceAsync(string extension, string kind, string text, string? label = null, CancellationToken ct = default) =>
        WriteEvidenceAsync(extension, kind, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), label, ct);

    public void Measure(Measurement measurement)
    {
        lock (_lock)
            _measurements.Add(measurement);
    }

    /// <summary>Registers clean-up for this step: it runs when the step ends, also after a timeout or an exception.</summary>
    public void Defer(Func<CancellationToken, Task> cleanup)
    {
        lock (_lock)
            _deferred.Add(cleanup);
    }

    public OwnedProcess StartProcess(ProcessStartInfo info) => Attempt.StartProcess(info);

    public void Log(string text, JsonObject? data = null) =>
        Attempt.Run.Journal.Append(new Note { ScenarioId = Attempt.Scenario.Id, Text = text, Data = data });

    internal IReadOnlyList<Func<CancellationToken, Task>> TakeDeferred()
    {
        lock (_lock)
        {
            var all = _deferred.AsEnumerable().Reverse().ToList();
            _deferred.Clear();
            return all;
        }
    }

    internal (IReadOnlyList<EvidenceRecord> Evidence, IReadOnlyList<Measurement> Measurements) End()
    {
        lock (_lock)
        {
            _ended = true;
            return ([.. _evidence], [.. _measurements]);
        }
    }

    private void Attach(EvidenceRecord record)
    {
        lock (_lock)
        {
            if (!_ended)
            {
                _evidence.Add(record);
                return;
            }
        }
        Attempt.Run.Journal.Append(new EvidenceAdded
        {
            ScenarioId = Attempt.Scenario.Id,
            Attempt = Attempt.Number,
            StepSeq = Seq,
            Evidence = record,
        });
    }
}
