using IoTopia.Certify.Fuzz.Campaigns;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Tests.Support;

/// <summary>A fixture fuzzing one target: its runner (isolated cases, the tests' deadline), its seeds, and the bounded property.</summary>
public abstract class TargetFixture<T>(T target) where T : IFuzzTarget
{
    public const int Mutants = 150;

    protected T Target { get; } = target;

    protected CaseRunner Runner => new(Target, Fuzzing.Deadline);

    /// <summary>The seeds committed in the repository.</summary>
    protected IReadOnlyList<Seed> OurSeeds =>
        Target.Seeds(Fuzzing.Corpus).Where(s => s.Path.StartsWith(Fuzzing.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();

    /// <summary>The seeds of ../shared/mud-corpus; the test is ignored, saying why, without it.</summary>
    protected IReadOnlyList<Seed> SharedSeeds
    {
        get
        {
            Fuzzing.RequireSharedCorpus();
            return Target.Seeds(Fuzzing.Corpus).Where(s => s.Path.StartsWith(Fuzzing.Corpus.SharedMudCorpus, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>Every seed as it is, then <paramref name="mutants"/> mutants: none may crash, hang or overspend.</summary>
    protected void MutantsHold(IReadOnlyList<Seed> seeds, int mutants = Mutants) =>
        PropertyCheck.Holds(Runner, seeds, Fuzzing.Store, mutants, Fuzzing.ReplaySeed);

    [OneTimeTearDown]
    public void DisposeTarget() => Target.Dispose();
}
