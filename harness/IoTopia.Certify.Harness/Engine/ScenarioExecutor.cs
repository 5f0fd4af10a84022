using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// Runs one scenario: attempts with retries after <c>error</c>/<c>inconclusive</c> only, each from
/// the rig's baseline, steps under the scenario's deadline, and clean-up that always runs.
/// </summary>
public sealed class ScenarioExecutor(RunContext run)
{
    public static readonly TimeSpan DefaultCleanupStepTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ActivityStopDeadline = TimeSpan.FromSeconds(15);

    /// <summary>Set when a restore failed: every later scenario is <c>error</c>.</summary>
    public string? BrokenBaseline { get; private set; }

    public void MarkBroken(string reason) => BrokenBaseline = reason;

    /// <param name="nextAttempt">the number of the next attempt (more than 1 when resuming)</param>
    /// <param name="countedAttempts">attempts that already count against <c>retries</c> (interrupted ones do not)</param>
    /// <returns>the scenario's verdict, or null when the run was interrupted during it</returns>
    public async Task<Verdict?> RunAsync(Scenario scenario, int nextAttempt = 1, int countedAttempts = 0)
    {
        if (BrokenBaseline is not null)
        {
            var reason = $"not run: the rig could not restore its baseline earlier ({BrokenBaseline})";
            run.Journal.Append(new ScenarioEnded { ScenarioId = scenario.Id, Verdict = Verdict.Error, Reason = reason });
            return Verdict.Error;
        }
        var n = nextAttempt;
        while (true)
        {
            var outcome = await RunAttemptAsync(scenario, n);
            if (outcome.Interrupted)
                return null;
            countedAttempts++;
            var retry = outcome.Verdict is Verdict.Error or Verdict.Inconclusive
                        && countedAttempts <= scenario.Retries
                        && BrokenBaseline is null;
            if (!retry)
            {
                run.Journal.Append(new ScenarioEnded { ScenarioId = scenario.Id, Verdict = outcome.Verdict, Reason = outcome.Reason });
                return outcome.Verdict;
            }
            n++;
        }
    }

    /// <summary>Runs a scenario's clean-up steps for an attempt that a killed harness left unfinished.</summary>
    public async Task CleanUpInterruptedAttemptAsync(Scenario scenario, int attempt, int lastSeq, IReadOnlySet<string> recordedEvidence)
    {
        RecordPartialEvidence(scenario.Id, attempt, recordedEvidence);
        using var lifetime = new CancellationTokenSource();
        var context = new AttemptContext(run, scenario, attempt, lastSeq, lifetime.Token);
        var (verdict, reason) = await RunCleanupAsync(context);
        await lifetime.CancelAsync();
        run.Journal.Append(new AttemptEnded
        {
            ScenarioId = scenario.Id,
            Attempt = attempt,
            Verdict = Verdict.Error,
            Reason = "interrupted: the harness process died during this attempt; its clean-up ran on resume"
                     + (verdict == Verdict.Pass ? "" : $" ({reason})"),
            Interrupted = true,
        });
    }

    /// <summary>Evidence files a killed harness was still writing: kept, hashed and linked to their step.</summary>
    private void RecordPartialEvidence(string scenarioId, int attempt, IReadOnlySet<string> recorded)
    {
        var directory = Path.Combine(run.Folder.Evidence, scenarioId, $"attempt-{attempt}");
        if (!Directory.Exists(directory))
            return;
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var relative = run.Folder.Relative(file);
            if (recorded.Contains(relative))
                continue;
            var entry = Integrity.ManifestWriter.Hash(run.Folder, relative);
            var name = Path.GetFileName(file);
            run.Journal.Append(new EvidenceAdded
            {
                ScenarioId = scenarioId,
                Attempt = attempt,
                StepSeq = int.TryParse(name.Split('-')[0], out var seq) ? seq : 0,
                Evidence = new EvidenceRecord
                {
                    Path = relative,
                    Sha256 = entry.Sha256,
                    Size = entry.Size,
                    Kind = "partial",
                    MediaType = "application/octet-stream",
                },
            });
        }
    }

    private async Task<AttemptOutcome> RunAttemptAsync(Scenario scenario, int n)
    {
        run.Journal.Append(new AttemptStarted { ScenarioId = scenario.Id, Attempt = n });
        using var lifetime = new CancellationTokenSource();
        var attempt = new AttemptContext(run, scenario, n, 0, lifetime.Token);
        var verdict = Verdict.Pass;
        var reason = "";
        var interrupted = false;

        using (var scenarioDeadline = CancellationTokenSource.CreateLinkedTokenSource(run.Interrupted))
        {
            scenarioDeadline.CancelAfter(scenario.Timeout);
            var started = DateTimeOffset.UtcNow;
            if (scenario.Continues is null)
            {
                try
                {
                    await run.Rig.ResetToBaselineAsync(attempt, scenarioDeadline.Token);
                }
                catch (Exception e)
                {
                    BrokenBaseline = e.Message;
                    verdict = Verdict.Error;
                    reason = $"the rig could not restore its baseline: {e.Message}";
                    interrupted = run.Interrupted.IsCancellationRequested;
                }
            }

            foreach (var call in verdict == Verdict.Pass ? scenario.Steps : [])
            {
                var remaining = scenario.Timeout - (DateTimeOffset.UtcNow - started);
                var ownTimeout = call.Timeout is { } t && t < remaining;
                var timeout = ownTimeout ? call.Timeout!.Value : remaining;
                var step = await StepRunner.RunAsync(attempt, call, StepPhase.Steps, timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1),
                    scenarioDeadline.Token, timeoutIsTheScenarios: !ownTimeout);
                if (step.Verdict == Verdict.Pass)
                    continue;
                verdict = step.Verdict;
                reason = $"step {step.Seq} {step.Name}: {step.Reason}";
                interrupted = run.Interrupted.IsCancellationRequested;
                break;
            }
        }

        var (cleanupVerdict, cleanupReason) = await RunCleanupAsync(attempt);
        if (cleanupVerdict != Verdict.Pass)
        {
            verdict = VerdictOrder.Worst(verdict, cleanupVerdict);
            reason = reason.Length == 0 ? cleanupReason : $"{reason}; {cleanupReason}";
        }
        await lifetime.CancelAsync();

        if (verdict == Verdict.Pass)
            reason = $"all {scenario.Steps.Count} steps passed";
        run.Journal.Append(new AttemptEnded { ScenarioId = scenario.Id, Attempt = n, Verdict = verdict, Reason = reason, Interrupted = interrupted });
        return new AttemptOutcome(verdict, reason, interrupted);
    }

    /// <summary>Clean-up steps, then background activities, then child processes — always, each under its own deadline.</summary>
    private static async Task<(Verdict, string)> RunCleanupAsync(AttemptContext attempt)
    {
        var problems = new List<string>();
        foreach (var call in attempt.Scenario.Cleanup)
        {
            // not tied to the run's interruption: Ctrl-C must still leave the bench clean
            var step = await StepRunner.RunAsync(attempt, call, StepPhase.Cleanup, call.Timeout ?? DefaultCleanupStepTimeout, CancellationToken.None);
            if (step.Verdict != Verdict.Pass)
                problems.Add($"clean-up step {step.Seq} {step.Name}: {step.Reason}");
        }
        problems.AddRange(await attempt.Activities.StopAllAsync(ActivityStopDeadline));
        await attempt.ReapProcessesAsync();
        return problems.Count == 0 ? (Verdict.Pass, "") : (Verdict.Error, string.Join("; ", problems));
    }
}
