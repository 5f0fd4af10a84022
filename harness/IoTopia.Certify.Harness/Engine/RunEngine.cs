using System.Text.Json;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Provenance;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Secrets;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Starts a run, or resumes a killed one, and leaves a complete run folder behind.</summary>
/// <param name="provenance">where the run's harness and tool versions come from; default: this machine (git, dpkg-query)</param>
/// <param name="runDrivers">drivers the run brings besides the rig file's (a person at the terminal, an answers file)</param>
public sealed partial class RunEngine(StepRegistry steps, RigKinds kinds, IRunFinisher? finisher = null, IProvenanceSource? provenance = null,
    IRunDrivers? runDrivers = null)
{
    private readonly IProvenanceSource _provenance = provenance ?? SystemProvenance.Instance;

    [GeneratedRegex(@"[^A-Za-z0-9._-]+", RegexOptions.NonBacktracking)]
    private static partial Regex UnsafeChars();

    public async Task<RunOutcome> RunAsync(RunRequest request, LoadedInputs inputs, IRunObserver? observer, CancellationToken interrupted)
    {
        var started = DateTimeOffset.UtcNow;
        var options = new RunOptionsRecord
        {
            Rig = request.RigFile,
            Suites = request.Suites,
            Filter = request.Filter,
            Tier = request.Tier,
            Statement = inputs.StatementFile,
            Decisions = inputs.DecisionsFile,
            Parameters = request.Parameters,
            RigOptions = request.RigOptions,
            SignKey = request.SignKey,
            Answers = request.Answers,
        };
        RefuseSecretsIn(options, MaskOf(inputs));
        var folder = CreateFolder(request, inputs.Rig, started, MaskOf(inputs));
        using var writer = RunLock.Acquire(folder);
        var signer = request.SignKey is { } signKey ? ManifestSigner.Load(signKey) : null; // a bad key is bad input before anything runs
        var (copied, copiedSecrets) = InputCopies.Copy(folder, inputs.InputFiles());
        using var journal = Journal.Create(folder.Journal, MaskOf(inputs, copiedSecrets));
        if (observer is not null)
            journal.Appended += observer.OnEvent;

        var info = new RunInfo
        {
            Id = Path.GetFileName(folder.Root),
            Harness = await _provenance.HarnessAsync(request.ProjectRoot),
            Rig = new RigInfo(inputs.Rig.Name, request.RigFile, copied.First(c => c.Role == "rig").Sha256) { Options = RigOptions.Given(request.RigOptions) },
            Dut = new DutInfo { Model = inputs.Rig.Dut.Model, Serial = inputs.Rig.Dut.Serial, Firmware = inputs.Rig.Dut.Firmware },
            Tier = request.Tier,
            Operator = request.Operator,
            Started = started,
            Seed = request.Seed,
            Inputs = copied,
            Tools = await _provenance.ToolsAsync(),
        };
        journal.Append(new RunStarted
        {
            Run = info,
            Plan = inputs.Plan,
            Options = options,
        });
        foreach (var p in inputs.Plan.Where(p => p.Skip is not null))
            journal.Append(new ScenarioSkipped { ScenarioId = p.Id, Reason = p.Skip!.Value, Detail = p.SkipDetail ?? "" });

        return await ExecuteAsync(folder, journal, request, inputs, new Dictionary<string, ScenarioProgress>(), interrupted, new HashSet<string>(), signer, []);
    }

    /// <summary>Continues a run whose process died: reaps its children, cleans up and retries the scenario in flight.</summary>
    public async Task<RunOutcome> ResumeAsync(string runFolder, string projectRoot, IRunObserver? observer, CancellationToken interrupted)
    {
        var folder = new RunFolder(runFolder);
        if (!folder.Exists)
            throw new InputException($"{runFolder}: not a run folder (no journal.jsonl)");
        using var writer = RunLock.Acquire(folder); // before anything is read, reaped or written
        var contents = JournalReader.Read(folder.Journal);
        var start = contents.Events.OfType<RunStarted>().FirstOrDefault()
                    ?? throw new InputException($"{folder.Journal}: no run-started event; cannot resume");
        var ended = contents.Events.OfType<RunEnded>().Any();
        if (ended && RunSeal.IsSealed(folder))
            throw new InputException($"{runFolder}: the run already ended and is sealed; nothing to resume");

        var changed = InputCopies.Changes(start.Run.Inputs);
        if (changed.Count > 0)
            throw new InputException("cannot resume: " + string.Join("; ", changed));

        var o = start.Options;
        var request = new RunRequest
        {
            ProjectRoot = projectRoot,
            RigFile = o.Rig,
            Suites = o.Suites,
            Filter = o.Filter,
            Tier = o.Tier ?? start.Run.Tier,
            Statement = o.Statement,
            Decisions = o.Decisions,
            Parameters = o.Parameters,
            RigOptions = o.RigOptions,
            Operator = start.Run.Operator,
            Seed = start.Run.Seed,
            SignKey = o.SignKey,
            Answers = o.Answers,
        };
        var inputs = LoadedInputs.Load(request, steps, kinds, runDrivers) with { Plan = start.Plan };
        var signer = request.SignKey is { } signKey ? ManifestSigner.Load(signKey) : null;

        if (ended)
        {
            // the scenarios are over; finishing was cut off (a kill while printing, a full disk): seal it now
            using var sealing = Journal.Continue(folder.Journal, contents.ValidLength, contents.Events[^1].Seq, MaskOf(inputs));
            if (observer is not null)
                sealing.Appended += observer.OnEvent;
            var leftovers = await Reaper.ReapAsync(contents.Events, CancellationToken.None);
            sealing.Append(new Note { Text = $"reaped {leftovers.Count} process(es) left by the killed harness", Data = null });
            sealing.Append(new Note { Text = "finishing a run whose finishing was cut off: results, reports, manifest" + (signer is null ? "" : ", signature") });
            return await SealAsync(folder, sealing, inputs, wasInterrupted: false, signer);
        }

        var reaped = await Reaper.ReapAsync(contents.Events, CancellationToken.None);
        using var journal = Journal.Continue(folder.Journal, contents.ValidLength, contents.Events.Count == 0 ? 0 : contents.Events[^1].Seq, MaskOf(inputs));
        if (observer is not null)
            journal.Appended += observer.OnEvent;
        journal.Append(new RunResumed { Pid = Environment.ProcessId, TornBytesDropped = contents.TornBytes, ReapedPids = reaped });
        var recorded = contents.Events.OfType<StepEnded>().SelectMany(e => e.Step.Evidence).Select(e => e.Path)
            .Concat(contents.Events.OfType<EvidenceAdded>().Select(e => e.Evidence.Path))
            .ToHashSet(StringComparer.Ordinal);
        return await ExecuteAsync(folder, journal, request, inputs, ScenarioProgress.From(contents.Events), interrupted, recorded, signer,
            [.. contents.Events.OfType<OperatorAnswered>()]);
    }

    private async Task<RunOutcome> ExecuteAsync(RunFolder folder, Journal journal, RunRequest request, LoadedInputs inputs,
        IReadOnlyDictionary<string, ScenarioProgress> progress, CancellationToken interrupted, IReadOnlySet<string> recordedEvidence,
        System.Security.Cryptography.X509Certificates.X509Certificate2? signer, IReadOnlyList<OperatorAnswered> earlierAnswers)
    {
        var rig = kinds.Create(inputs.Rig);
        var run = new RunContext
        {
            Folder = folder,
            Journal = journal,
            Evidence = new EvidenceStore(folder, journal.Mask),
            Rig = rig,
            Steps = steps,
            Seed = request.Seed,
            Statement = inputs.Declarations.Statement,
            Interrupted = interrupted,
            EarlierAnswers = earlierAnswers,
        };
        bool wasInterrupted;
        try
        {
            wasInterrupted = await RunScenariosAsync(run, inputs, progress, recordedEvidence);
        }
        finally
        {
            // the bench is wound down whatever happened: device, lab services, ptys, then any process left
            await rig.DisposeAsync();
            await run.ReapProcessesAsync();
        }

        if (wasInterrupted)
            journal.Append(new RunInterrupted { Reason = "stopped by the operator (Ctrl-C or SIGTERM); `certify resume` continues the run" });
        else
            journal.Append(new RunEnded());

        return await SealAsync(folder, journal, inputs, wasInterrupted, signer);
    }

    /// <summary>
    /// The finishing phase: results.json, the reports, then manifest.json and its signature. Every part is derived
    /// from the journal, so when a kill or a full disk cuts it off, <c>resume</c> runs it again from the start.
    /// </summary>
    private async Task<RunOutcome> SealAsync(RunFolder folder, Journal journal, LoadedInputs inputs, bool wasInterrupted,
        System.Security.Cryptography.X509Certificates.X509Certificate2? signer)
    {
        var results = ResultsBuilder.Build(JournalReader.Read(folder.Journal).Events, inputs.Catalogue, inputs.Declarations);
        var serialized = JsonSerializer.Serialize(results, Json.Indented);
        var json = journal.Mask.MaskJson(serialized, Json.Indented);
        if (!ReferenceEquals(json, serialized))
            results = JsonSerializer.Deserialize<RunResults>(json, Json.Indented)!; // the statement's secrets too, which reach it outside the journal
        AtomicFile.Write(folder.Results, System.Text.Encoding.UTF8.GetBytes(json));
        var outcome = new RunOutcome(folder, results, wasInterrupted);
        await FinishAsync(outcome, journal);
        if (signer is not null)
            journal.Append(new RunSigned { Signer = signer.Subject, CertificateSha256 = ManifestSigner.Thumbprint(signer) });
        journal.Append(new Note { Text = "sealing the run: manifest.json" + (signer is null ? "" : " and its signature") });
        ManifestWriter.Write(folder, results.Run.Id);
        if (signer is not null)
            ManifestSigner.Sign(folder, signer);
        return outcome;
    }

    private async Task FinishAsync(RunOutcome outcome, Journal journal)
    {
        if (finisher is null)
            return;
        try
        {
            await finisher.FinishAsync(outcome, journal, CancellationToken.None);
        }
        catch (Exception e) when (e is not RunFolderWriteException)
        {
            // the run's record is complete: whatever went wrong after it, the run is still sealed
            journal.Append(new Note { Text = $"finishing the run folder failed: {e}" });
        }
    }

    private static async Task<bool> RunScenariosAsync(RunContext run, LoadedInputs inputs, IReadOnlyDictionary<string, ScenarioProgress> progress,
        IReadOnlySet<string> recordedEvidence)
    {
        var executor = new ScenarioExecutor(run);
        try
        {
            foreach (var brought in inputs.RunDrivers)
                run.Rig.Drivers.Add(brought.Driver, brought.Name, brought.Resource);
            await run.Rig.StartAsync(run, run.Interrupted);
            // the plan skipped by the capabilities the rig kind said it builds; a kind that built less is broken, not lacking
            var unbuilt = run.Rig.Description.Capabilities.Where(c => !run.Rig.Drivers.Capabilities.Contains(c)).ToList();
            if (unbuilt.Count > 0)
                throw new InvalidOperationException($"rig '{run.Rig.Description.Name}' built no driver for {string.Join(", ", unbuilt)}, which its kind '{run.Rig.Description.Kind}' said it gives");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Journal.Append(new Note { Text = $"the rig did not start: {e}" });
            executor.MarkBroken($"the rig did not start: {e.Message}");
        }

        var byId = inputs.Suite.Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var planned in inputs.Plan.Where(p => p.Skip is null))
        {
            if (run.Interrupted.IsCancellationRequested)
                return true;
            var scenario = byId[planned.Id];
            var state = progress.GetValueOrDefault(planned.Id);
            if (state is { Ended: true })
                continue;
            if (state is null)
                run.Journal.Append(new ScenarioStarted { ScenarioId = scenario.Id });
            if (state?.InFlightAttempt is { } inFlight)
                await executor.CleanUpInterruptedAttemptAsync(scenario, inFlight, state.LastSeq, recordedEvidence);
            if (await executor.RunAsync(scenario, (state?.LastAttempt ?? 0) + 1, state?.CountedAttempts ?? 0) is null)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The journal masks the run's options like everything else, and <c>resume</c> reads them back from it: an option
    /// holding a secret would come back masked, so it is refused before anything starts.
    /// </summary>
    private static void RefuseSecretsIn(RunOptionsRecord options, SecretMask mask)
    {
        var holding = options.Parameters.Where(p => mask.Touches(p.Value)).Select(p => $"--param {p.Key}")
            .Concat(new[] { options.Rig, options.Statement, options.Decisions, options.SignKey, options.Filter, options.Answers }.Concat(options.Suites)
                .OfType<string>().Where(mask.Touches))
            .ToList();
        if (holding.Count > 0)
            throw new InputException($"{string.Join(", ", holding)}: holds a secret value of the rig file or statement, which the run's record masks " +
                                     "(resume could not repeat the run); a suite refers to it as ${dut.<key>} instead, and a file path must not contain it");
    }

    /// <summary>The run's secrets: those of the rig file and statement as loaded, and as copied (the same, unless a file changed in between).</summary>
    private static SecretMask MaskOf(LoadedInputs inputs, IEnumerable<string>? copied = null) =>
        new(inputs.Secrets.Select(s => s.Value).Concat(copied ?? []));

    private static RunFolder CreateFolder(RunRequest request, RigDescription rig, DateTimeOffset started, SecretMask mask)
    {
        string path;
        if (request.OutDir is { } outDir)
        {
            if (File.Exists(outDir) || (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any()))
                throw new InputException($"--out {outDir}: exists and is not empty; choose a new folder");
            path = outDir;
        }
        else
        {
            var dut = UnsafeChars().Replace(mask.Mask($"{rig.Dut.Model}-{rig.Dut.Serial}"), "_").Trim('_', '.');
            path = Path.Combine(request.ProjectRoot, "runs", $"{started:yyyyMMdd'T'HHmmss'Z'}-{dut}");
            for (var i = 2; Directory.Exists(path); i++)
                path = Path.Combine(request.ProjectRoot, "runs", $"{started:yyyyMMdd'T'HHmmss'Z'}-{dut}-{i}");
        }
        var folder = new RunFolder(path);
        Directory.CreateDirectory(folder.Root);
        Directory.CreateDirectory(folder.Evidence);
        Directory.CreateDirectory(folder.Rig);
        return folder;
    }
}
