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
/// it counts distinct failures and saves their inputs. Cases run inline (<see cref="CaseRunner"/>): a hang is
/// saved, the figures so far printed, and the process ended with exit code 1.
/// </summary>
public sealed class Campaign(IFuzzTarget target, IReadOnlyList<Seed> seeds, FailureStore store, TimeSpan deadline, TextWriter output)
{
    private readonly Dictionary<string, (long Count, string SavedAs)> _failures = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private long _execs, _accepted, _refused;
    private TimeSpan _inParser;
    private string? _died;
    private (byte[] Input, Seed Origin, string How) _current;

    public CampaignResult Run(TimeSpan duration, ulong seed)
    {
        _died = store.RescueInFlight(target);
        var runner = new CaseRunner(target, deadline, OnHang);
        var bytes = seeds.Select(s => s.Bytes).ToList();
        _clock.Start();
        var nextReport = TimeSpan.FromSeconds(30);
        foreach (var s in seeds)
            Case(runner, s.Bytes, s, "none (the seed as it is)");
        var gen = Mutant.Over(seeds.Count, target.Dialect);
        var pcg = new PCG(1, seed);
        while (_clock.Elapsed < duration)
        {
            var mutant = gen.Generate(pcg, null!, out _);
            Case(runner, mutant.Build(bytes), seeds[mutant.Seed % seeds.Count], mutant.ToString());
            if (_clock.Elapsed >= nextReport)
            {
                Console.Error.WriteLine($"{target.Name}: {_clock.Elapsed.TotalSeconds:0} s, {_execs} execs, {_execs / _clock.Elapsed.TotalSeconds:0.0}/s, {_failures.Count} distinct failures");
                nextReport += TimeSpan.FromSeconds(30);
            }
        }
        store.ClearInFlight(target);
        return Result();
    }

    private void Case(CaseRunner runner, byte[] input, Seed origin, string how)
    {
        _current = (input, origin, how);
        store.MarkInFlight(target, input, origin);
        var outcome = runner.Run(input, origin);
        lock (_failures)
        {
            _execs++;
            _inParser += outcome.Elapsed;
            switch (outcome.Verdict)
            {
                case CaseVerdict.Accepted:
                    _accepted++;
                    break;
                case CaseVerdict.Refused:
                    _refused++;
                    break;
                default:
                    Record(outcome);
                    break;
            }
        }
    }

    private void Record(CaseOutcome outcome)
    {
        var saved = store.Save(target, outcome, _current.Input, _current.Origin, _current.How);
        _failures[outcome.Signature] = _failures.TryGetValue(outcome.Signature, out var f) ? (f.Count + 1, f.SavedAs) : (1, saved);
    }

    /// <summary>On the watchdog's thread: the campaign's own thread is stuck in the parser.</summary>
    private void OnHang(CaseOutcome hang)
    {
        lock (_failures)
        {
            _execs++;
            Record(hang);
            store.ClearInFlight(target);
            Result().Print(output);
            output.WriteLine($"stopped: a case ran past its deadline of {deadline.TotalSeconds:0.#} s (saved above); the parser cannot be stopped, so the campaign ends here");
            output.Flush();
        }
        Environment.Exit(1);
    }

    private CampaignResult Result() => new(target.Name, _execs, _accepted, _refused, _clock.Elapsed, _inParser, _failures, _died);
}
