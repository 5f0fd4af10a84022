using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Oracle;

namespace IoTopia.Certify.Fuzz.Tests.Support;

/// <summary>The repository, the seed corpus and where failing inputs of the tests are saved (.build/fuzz-findings/tests).</summary>
public static class Fuzzing
{
    /// <summary>Generous on a loaded 2-core machine: the parsers take milliseconds per input.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static string Root { get; } = RepoRoot.Find();

    public static SeedCorpus Corpus { get; } = new(Root);

    public static FailureStore Store { get; } = new(Path.Combine(Root, ".build", "fuzz-findings", "tests"));

    /// <summary>CERTIFY_FUZZ_SEED replays a CsCheck seed a failure reported.</summary>
    public static string? ReplaySeed => Environment.GetEnvironmentVariable("CERTIFY_FUZZ_SEED") is { Length: > 0 } s ? s : null;

    public static void RequireSharedCorpus()
    {
        if (!Corpus.HasSharedCorpus)
            Assert.Ignore($"the shared MUD corpus is not here: {Corpus.SharedMudCorpus} is missing (it lives in ../shared/mud-corpus beside the repository and is never copied into it)");
    }
}
