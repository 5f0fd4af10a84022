using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Testing;

/// <summary>
/// Runs steps one by one outside a suite, in a scratch run folder with a real journal and evidence
/// store, against a given rig — for testing steps and drivers. The engine's rules (deadlines,
/// deferred clean-up, exceptions to verdicts) apply exactly as in a run.
/// </summary>
public sealed class StepHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime;
    private readonly bool _ownsFolder;

    private StepHost(RunContext run, AttemptContext attempt, bool ownsFolder, CancellationTokenSource lifetime)
    {
        Run = run;
        Attempt = attempt;
        _ownsFolder = ownsFolder;
        _lifetime = lifetime;
    }

    public RunContext Run { get; }
    public AttemptContext Attempt { get; }
    public RunFolder Folder => Run.Folder;

    /// <param name="rig">the rig the steps drive (its StartAsync is the caller's business)</param>
    /// <param name="steps">the step classes; default: the harness's own</param>
    /// <param name="folder">the run folder; default: a new temporary one, deleted on dispose</param>
    /// <param name="parameters">the scenario's parameters, as a suite would give them (e.g. the rig's <c>dut.*</c> facts)</param>
    /// <param name="statement">the run's conformance statement (default: none)</param>
    public static StepHost Create(RigRuntime rig, StepRegistry? steps = null, string? folder = null, string scenarioId = "step-test", long seed = 1,
        IReadOnlyDictionary<string, string>? parameters = null, Declarations.ConformanceStatement? statement = null)
    {
        var owns = folder is null;
        var runFolder = new RunFolder(folder ?? Path.Combine(Path.GetTempPath(), $"certify-steps-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(runFolder.Evidence);
        Directory.CreateDirectory(runFolder.Rig);
        var run = new RunContext
        {
            Folder = runFolder,
            Journal = Journal.Create(runFolder.Journal),
            Evidence = new EvidenceStore(runFolder),
            Rig = rig,
            Steps = steps ?? StepRegistry.Default,
            Seed = seed,
            Statement = statement ?? Declarations.ConformanceStatement.None,
        };
        var scenario = new Scenario { Id = scenarioId, Title = scenarioId, Location = new SourceLocation("(step host)", 0, 0), Kind = ScenarioKind.RigCheck,
            Parameters = parameters ?? new Dictionary<string, string>() };
        var lifetime = new CancellationTokenSource();
        return new StepHost(run, new AttemptContext(run, scenario, 1, 0, lifetime.Token), owns, lifetime);
    }

    /// <summary>Runs one step with its typed arguments and returns its record, as the journal has it.</summary>
    public Task<StepRecord> RunStepAsync(string name, object arguments, TimeSpan? timeout = null, CancellationToken ct = default) =>
        StepRunner.RunAsync(Attempt, new StepCall(name, arguments, timeout, new SourceLocation("(step host)", 0, 0)), StepPhase.Steps,
            timeout ?? TimeSpan.FromSeconds(60), ct);

    public IReadOnlyList<JournalEvent> Events => JournalReader.Read(Run.Folder.Journal).Events;

    /// <summary>Ends the attempt: stops background activities and reaps its child processes; returns activity problems.</summary>
    public async Task<IReadOnlyList<string>> EndAttemptAsync()
    {
        var problems = await Attempt.Activities.StopAllAsync(ScenarioExecutor.ActivityStopDeadline);
        await Attempt.ReapProcessesAsync();
        await _lifetime.CancelAsync();
        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        await EndAttemptAsync();
        await Run.ReapProcessesAsync();
        Run.Journal.Dispose();
        _lifetime.Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(Run.Folder.Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
