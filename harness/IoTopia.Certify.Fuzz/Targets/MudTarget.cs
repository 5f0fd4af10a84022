using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The MUD JSON reader and validator (<c>certify mud validate</c>, and the MUD file of <c>mud check</c> and the
/// intent suite). It reports every problem as a finding and never throws: it has no error type of its own.
/// </summary>
public sealed class MudTarget : IFuzzTarget
{
    public string Name => "mud";

    public string Extension => ".json";

    public Dialect Dialect => Dialect.Json;

    public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => corpus.Mud();

    public void Run(byte[] input, Seed origin)
    {
        var result = MudValidator.Validate(origin.Name, input);
        // The facts and the problem texts are what the command prints: build them as it does.
        foreach (var problem in result.Problems)
            _ = problem.ToString();
        foreach (var fact in result.Facts)
            _ = fact.ToString();
    }

    public bool IsOwnError(Exception e) => false;

    // The file is at most 1 MiB (MudLimits); its tree and problems cost a small multiple of that.
    public long MaxAllocatedBytes(byte[] input) => 64L * 1024 * 1024 + 64L * input.Length;

    public void Dispose()
    {
    }
}
