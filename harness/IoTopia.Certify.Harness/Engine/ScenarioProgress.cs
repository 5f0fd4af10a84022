using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>How far a scenario got before the harness stopped, read back from the journal.</summary>
public sealed record ScenarioProgress
{
    public bool Ended { get; init; }
    public int LastAttempt { get; init; }
    public int CountedAttempts { get; init; }

    /// <summary>An attempt that started but never ended: the process died during it.</summary>
    public int? InFlightAttempt { get; init; }

    public int LastSeq { get; init; }

    public static IReadOnlyDictionary<string, ScenarioProgress> From(IEnumerable<JournalEvent> events)
    {
        var result = new Dictionary<string, ScenarioProgress>(StringComparer.Ordinal);
        ScenarioProgress Get(string id) => result.GetValueOrDefault(id) ?? new ScenarioProgress();
        foreach (var e in events)
        {
            switch (e)
            {
                case ScenarioStarted s:
                    result[s.ScenarioId] = Get(s.ScenarioId);
                    break;
                case AttemptStarted a:
                    result[a.ScenarioId] = Get(a.ScenarioId) with { LastAttempt = a.Attempt, InFlightAttempt = a.Attempt, LastSeq = 0 };
                    break;
                case StepStarted s:
                    result[s.ScenarioId] = Get(s.ScenarioId) with { LastSeq = Math.Max(Get(s.ScenarioId).LastSeq, s.StepSeq) };
                    break;
                case AttemptEnded a:
                    var p = Get(a.ScenarioId);
                    result[a.ScenarioId] = p with { InFlightAttempt = null, CountedAttempts = p.CountedAttempts + (a.Interrupted ? 0 : 1) };
                    break;
                case ScenarioEnded s:
                    result[s.ScenarioId] = Get(s.ScenarioId) with { Ended = true };
                    break;
            }
        }
        return result;
    }
}
