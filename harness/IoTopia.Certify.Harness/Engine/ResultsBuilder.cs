using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Derives results.json from the journal alone (plus the catalogue the run used).</summary>
public static class ResultsBuilder
{
    public static RunResults Build(IReadOnlyList<JournalEvent> events, RequirementCatalogue catalogue, RunDeclarations declarations)
    {
        var start = events.OfType<RunStarted>().FirstOrDefault()
                    ?? throw new InvalidDataException("the journal has no run-started event");
        var attempts = new Dictionary<(string, int), AttemptBuilder>();
        var ended = new Dictionary<string, ScenarioEnded>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, ScenarioSkipped>(StringComparer.Ordinal);
        var lateEvidence = new List<EvidenceAdded>();
        DateTimeOffset? runEnded = null;
        System.Text.Json.Nodes.JsonObject? chosen = null;
        var runEvidence = new List<EvidenceRecord>();
        var interrupted = false;

        foreach (var e in events)
        {
            switch (e)
            {
                case ScenarioSkipped s:
                    skipped[s.ScenarioId] = s;
                    break;
                case AttemptStarted a:
                    attempts[(a.ScenarioId, a.Attempt)] = new AttemptBuilder(a.Attempt, a.Time);
                    break;
                case StepEnded s when attempts.TryGetValue((s.ScenarioId, s.Attempt), out var b):
                    b.Steps.Add(s.Step);
                    break;
                case EvidenceAdded { ScenarioId: EvidenceStore.RunScope } x:
                    runEvidence.Add(x.Evidence);
                    break;
                case EvidenceAdded x:
                    lateEvidence.Add(x);
                    break;
                case RigStarted r:
                    chosen = r.Options ?? chosen;
                    break;
                case AttemptEnded a when attempts.TryGetValue((a.ScenarioId, a.Attempt), out var b):
                    b.End = a;
                    break;
                case ScenarioEnded s:
                    ended[s.ScenarioId] = s;
                    break;
                case RunInterrupted:
                    interrupted = true;
                    break;
                case RunResumed:
                    interrupted = false;
                    break;
                case RunEnded r:
                    runEnded = r.Time;
                    break;
            }
        }
        foreach (var x in lateEvidence)
        {
            if (attempts.TryGetValue((x.ScenarioId, x.Attempt), out var b) && b.Steps.FindIndex(s => s.Seq == x.StepSeq) is var i and >= 0)
                b.Steps[i] = b.Steps[i] with { Evidence = [.. b.Steps[i].Evidence, x.Evidence] };
        }

        var scenarios = start.Plan.Select(p =>
        {
            var mine = attempts.Where(a => a.Key.Item1 == p.Id).OrderBy(a => a.Key.Item2).Select(a => a.Value.Build()).ToList();
            var (verdict, reason, skip) = skipped.TryGetValue(p.Id, out var s) ? (Verdict.Skipped, $"{s.Reason.Name()}: {s.Detail}", (SkipReason?)s.Reason)
                : ended.TryGetValue(p.Id, out var x) ? (x.Verdict, x.Reason, null)
                : (Verdict.Inconclusive, interrupted || runEnded is null ? "not finished: the run was interrupted; `certify resume` continues it" : "not run", null);
            return new ScenarioResult
            {
                Id = p.Id,
                Title = p.Title,
                Kind = p.Kind,
                Requirements = p.Requirements,
                Verdict = verdict,
                Reason = reason,
                SkipReason = skip,
                Attempts = mine,
            };
        }).ToList();

        var tier = start.Run.Tier;
        var requirements = catalogue.Requirements.Select(r => RequirementVerdicts.Derive(r, tier, scenarios, declarations)).ToList();
        var judged = requirements.Where(r => r.Verdict != Verdict.Skipped).ToList();
        var tierVerdict = judged.Count == 0
            ? new TierVerdict { Target = tier, Verdict = Verdict.Skipped, Reason = "no requirement was evaluated in this run" }
            : new TierVerdict
            {
                Target = tier,
                Verdict = VerdictOrder.Worst(judged.Select(r => r.Verdict)),
                Reason = $"{judged.Count} requirements evaluated at {tier}: " + string.Join(", ",
                    judged.GroupBy(r => r.Verdict).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}")),
            };

        return new RunResults
        {
            Run = start.Run with { Ended = runEnded, Rig = start.Run.Rig with { Options = RigOptions.Merge(start.Run.Rig.Options, chosen) } },
            RunEvidence = runEvidence,
            Catalogue = new CatalogueSnapshot { File = catalogue.File, Pillars = catalogue.Pillars, Requirements = catalogue.Requirements },
            Scenarios = scenarios,
            Requirements = requirements,
            Summary = new Summary
            {
                Scenarios = Count(scenarios.Select(s => s.Verdict)),
                Requirements = Count(requirements.Select(r => r.Verdict)),
                Tier = tierVerdict,
            },
        };
    }

    private static IReadOnlyDictionary<string, int> Count(IEnumerable<Verdict> verdicts)
    {
        var counts = Enum.GetValues<Verdict>().ToDictionary(v => v.Name(), _ => 0);
        foreach (var v in verdicts)
            counts[v.Name()]++;
        return counts;
    }

    private sealed class AttemptBuilder(int n, DateTimeOffset started)
    {
        public List<StepRecord> Steps { get; } = [];
        public AttemptEnded? End { get; set; }

        public AttemptResult Build() => new()
        {
            N = n,
            Verdict = End?.Verdict ?? Verdict.Error,
            Reason = End?.Reason ?? "interrupted: the attempt did not end",
            Started = started,
            Ended = End?.Time,
            Interrupted = End?.Interrupted ?? true,
            Steps = Steps,
        };
    }
}
