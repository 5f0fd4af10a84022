using System.Diagnostics;
using CsCheck;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Campaigns;

/// <summary>
/// A long fuzzing run of one target: every seed as it is, then mutants drawn from CsCheck's generators with a
/// PCG of the given seed, until the time is up. Unlike a property test it does not stop at the first failure:
/// it counts distinct failures and saves their inputs. It stops early when cases it had to abandon (hangs) pile up.
/// </summary>
public sealed class Campaign(CaseRunner runner, IReadOnlyList<Seed> seeds, FailureStore store)
{
    public const int MaxAbandoned = 3;

    public CampaignResult Run(TimeSpan duration, ulong seed, TextWriter progress)
    {
        var target = runner.Target;
        var died = store.RescueInFlight(target);
        var bytes = seeds.Select(s => s.Bytes).ToList();
        var failures = new Dictionary<string, (long Count, string SavedAs)>(StringComparer.Ordinal);
        long execs = 0, accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(30);

        void Case(byte[] input, Seed origin, string how)
        {
            store.MarkInFlight(target, input, origin);
            var outcome = runner.Run(input, origin);
            execs++;
            switch (outcome.Verdict)
            {
                case CaseVerdict.Accepted:
                    accepted++;
                    break;
                case CaseVerdict.Refused:
                    refused++;
                    break;
                default:
                    var saved = store.Save(target, outcome, input, origin, how);
                    failures[outcome.Signature] = failures.TryGetValue(outcome.Signature, out var f) ? (f.Count + 1, f.SavedAs) : (1, saved);
                    break;
            }
        }

        foreach (var s in seeds)
            Case(s.Bytes, s, "none (the seed as it is)");
        var gen = Mutant.Over(seeds.Count, target.Dialect);
        var pcg = new PCG(1, seed);
        while (clock.Elapsed < duration && runner.Abandoned < MaxAbandoned)
        {
            var mutant = gen.Generate(pcg, null!, out _);
            Case(mutant.Build(bytes), seeds[mutant.Seed % seeds.Count], mutant.ToString());
            if (clock.Elapsed >= nextReport)
            {
                progress.WriteLine($"{target.Name}: {clock.Elapsed.TotalSeconds:0} s, {execs} execs, {execs / clock.Elapsed.TotalSeconds:0.0}/s, {failures.Count} distinct failures");
                nextReport += TimeSpan.FromSeconds(30);
            }
        }
        if (runner.Abandoned >= MaxAbandoned)
            progress.WriteLine($"{target.Name}: stopped early: {runner.Abandoned} cases still running past their deadline");
        else
            store.ClearInFlight(target);
        return new CampaignResult(target.Name, execs, accepted, refused, clock.Elapsed, failures, died);
    }
}
