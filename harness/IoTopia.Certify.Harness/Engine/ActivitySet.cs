using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>The background activities of one attempt, by name. The engine stops them all at the end.</summary>
public sealed class ActivitySet(Journal journal, string scenarioId, int attempt, CancellationToken attemptLifetime)
{
    private readonly Dictionary<string, BackgroundActivity> _activities = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public T Start<T>(string name, T activity) where T : BackgroundActivity
    {
        lock (_lock)
        {
            if (_activities.ContainsKey(name))
                throw new InvalidOperationException($"a background activity named '{name}' already runs in this attempt");
            _activities[name] = activity;
        }
        activity.Start(attemptLifetime);
        journal.Append(new ActivityEvent { ScenarioId = scenarioId, Attempt = attempt, Name = name, State = "started" });
        return activity;
    }

    public T? Find<T>(string name) where T : BackgroundActivity
    {
        lock (_lock)
            return _activities.TryGetValue(name, out var a) ? a as T : null;
    }

    public T Get<T>(string name) where T : BackgroundActivity =>
        Find<T>(name) ?? throw new InvalidOperationException(
            $"no background activity '{name}' of type {typeof(T).Name} runs in this attempt; start it in an earlier step");

    /// <summary>Stops one activity early (a step that ends what an earlier one started).</summary>
    public async Task<bool> StopAsync(string name, CancellationToken ct)
    {
        BackgroundActivity? activity;
        lock (_lock)
        {
            if (!_activities.Remove(name, out activity))
                return false;
        }
        await StopOneAsync(name, activity, ct);
        return true;
    }

    /// <summary>Stops every activity still running, newest first; returns the faults to report.</summary>
    public async Task<IReadOnlyList<string>> StopAllAsync(TimeSpan eachDeadline)
    {
        List<KeyValuePair<string, BackgroundActivity>> all;
        lock (_lock)
        {
            all = _activities.Reverse().ToList();
            _activities.Clear();
        }
        var problems = new List<string>();
        foreach (var (name, activity) in all)
        {
            using var deadline = new CancellationTokenSource(eachDeadline);
            if (await StopOneAsync(name, activity, deadline.Token) is { } problem)
                problems.Add(problem);
        }
        return problems;
    }

    private async Task<string?> StopOneAsync(string name, BackgroundActivity activity, CancellationToken ct)
    {
        var stopped = await activity.StopAsync(ct);
        var problem = !stopped ? $"background activity '{name}' did not stop in time and was abandoned"
            : activity.Fault is { } fault ? $"background activity '{name}' failed: {fault.Message}"
            : null;
        journal.Append(new ActivityEvent
        {
            ScenarioId = scenarioId,
            Attempt = attempt,
            Name = name,
            State = problem is null ? "stopped" : "failed",
            Detail = problem,
        });
        return problem;
    }
}
