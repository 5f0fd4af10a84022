using CsCheck;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Fuzz.Oracle;

namespace IoTopia.Certify.Fuzz.Campaigns;

/// <summary>
/// The bounded form, for the test suite: the property "no mutant of these seeds crashes, hangs or overspends"
/// checked by CsCheck over a fixed number of mutants. On a failure CsCheck shrinks the mutant (fewer, smaller
/// mutations) and reports its seed for replay; every failing input is saved as well.
/// </summary>
public static class PropertyCheck
{
    /// <summary>Runs every seed as it is, then <paramref name="mutants"/> mutants; throws on the first failure.</summary>
    public static void Holds(CaseRunner runner, IReadOnlyList<Seed> seeds, FailureStore store, long mutants, string? replaySeed = null)
    {
        var target = runner.Target;
        foreach (var seed in seeds)
            Check(seed.Bytes, seed, "none (the seed as it is)");
        var bytes = seeds.Select(s => s.Bytes).ToList();
        Mutant.Over(seeds.Count, target.Dialect).Sample(
            mutant => Check(mutant.Build(bytes), seeds[mutant.Seed % seeds.Count], mutant.ToString()),
            seed: replaySeed, iter: mutants, threads: 1);

        void Check(byte[] input, Seed origin, string how)
        {
            var outcome = runner.Run(input, origin);
            if (outcome.IsFailure)
                throw new FuzzFailureException($"{target.Name}: {outcome}\nmutations: {how}\ninput saved as {store.Save(target, outcome, input, origin, how)}");
        }
    }
}
