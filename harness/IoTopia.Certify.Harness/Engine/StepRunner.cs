using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// Runs one step under a deadline: a step that overruns is cancelled, given a short grace, then
/// abandoned; its deferred clean-up runs in every case; exceptions become verdicts by whose fault they are.
/// </summary>
internal static class StepRunner
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DeferredDeadline = TimeSpan.FromSeconds(30);

    /// <param name="deadline">cancelled when the scenario's time is up or the run is interrupted</param>
    /// <param name="timeoutIsTheScenarios">the timeout is the scenario's remaining time (the step has none shorter of its
    /// own): a cut-off is the scenario's deadline, whichever of the two timers fired first</param>
    public static async Task<StepRecord> RunAsync(AttemptContext attempt, StepCall call, StepPhase phase, TimeSpan timeout,
        CancellationToken deadline, bool timeoutIsTheScenarios = false)
    {
        var run = attempt.Run;
        var seq = attempt.NextSeq();
        run.Journal.Append(new StepStarted
        {
            ScenarioId = attempt.Scenario.Id,
            Attempt = attempt.Number,
            StepSeq = seq,
            Name = call.Name,
            Phase = phase,
        });
        var context = new StepContext(attempt, seq, call.Name, phase);
        var started = DateTimeOffset.UtcNow;
        using var stepCts = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        stepCts.CancelAfter(timeout);

        var outcome = await ExecuteAsync(run.Steps.Create(call.Name), context, call.Arguments, stepCts.Token);
        if (outcome is null)
        {
            var why = run.Interrupted.IsCancellationRequested ? "interrupted: the run was stopped"
                : deadline.IsCancellationRequested || timeoutIsTheScenarios ? "cut off: the scenario's deadline passed"
                : $"cut off: the step exceeded its deadline of {Duration.Format(timeout)}";
            outcome = StepOutcome.Error(why);
        }

        foreach (var cleanup in context.TakeDeferred())
        {
            using var cleanupCts = new CancellationTokenSource(DeferredDeadline);
            try
            {
                await cleanup(cleanupCts.Token).WaitAsync(cleanupCts.Token);
            }
            catch (Exception e)
            {
                outcome = outcome with
                {
                    Verdict = VerdictOrder.Worst(outcome.Verdict, Verdict.Error),
                    Reason = Join(outcome.Reason, $"step clean-up failed: {e.Message}"),
                };
            }
        }

        var (evidence, measurements) = context.End();
        var verdict = VerdictOrder.Worst(measurements.Select(m => m.Verdict).Append(outcome.Verdict));
        var reason = outcome.Reason;
        if (verdict != outcome.Verdict || reason.Length == 0)
        {
            var failed = measurements.Where(m => m.Verdict == Verdict.Fail).Select(Describe).ToList();
            if (failed.Count > 0)
                reason = Join(reason, string.Join("; ", failed));
        }

        var record = new StepRecord
        {
            Seq = seq,
            Name = call.Name,
            Phase = phase,
            Verdict = verdict,
            Reason = DeviceText.Clip(reason),
            Expected = outcome.Expected is null ? null : DeviceText.Clip(outcome.Expected),
            Observed = outcome.Observed is null ? null : DeviceText.Clip(outcome.Observed),
            Measurements = measurements,
            Details = context.Details,
            Evidence = evidence,
            Started = started,
            Ended = DateTimeOffset.UtcNow,
        };
        run.Journal.Append(new StepEnded { ScenarioId = attempt.Scenario.Id, Attempt = attempt.Number, Step = record });
        return record;
    }

    /// <summary>The step's outcome, or null when it was cut off (deadline or interruption).</summary>
    private static async Task<StepOutcome?> ExecuteAsync(IStep step, StepContext context, object arguments, CancellationToken token)
    {
        // Task.Run: even a step that blocks its thread cannot hold the engine past the deadline.
        var task = Task.Run(() => step.RunAsync(context, arguments, token), CancellationToken.None);
        var cancelled = Task.Delay(Timeout.Infinite, token);
        if (await Task.WhenAny(task, cancelled) != task && await Task.WhenAny(task, Task.Delay(Grace)) != task)
            return null; // abandoned: it ignored cancellation
        try
        {
            return await task;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
        catch (DeviceInputException e)
        {
            return new StepOutcome(e.Verdict, $"the device sent input that cannot be understood: {e.Message}");
        }
        catch (Exception e)
        {
            return StepOutcome.Error($"harness error in {context.StepName}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Describe(Measurement m) =>
        m.Expected is not null
            ? $"{m.Name} = {m.Value}{m.Unit}, expected {m.Expected}"
            : $"{m.Name} = {m.Value}{m.Unit} outside [{m.Low?.ToString() ?? "-inf"}, {m.High?.ToString() ?? "+inf"}]";

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}; {b}";
}
