using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// One parser of untrusted bytes, as the program calls it. <see cref="Run"/> either returns (the input was
/// understood, or its problems were reported as findings) or throws the parser's own error type
/// (<see cref="IsOwnError"/>); anything else it throws is a crash.
/// </summary>
public interface IFuzzTarget : IDisposable
{
    /// <summary>mud, pcap, yaml, device or suit: the name given to <c>--target</c>.</summary>
    string Name { get; }

    /// <summary>The extension of saved failing inputs, so that they open in the tools of their format.</summary>
    string Extension { get; }

    /// <summary>What the mutator knows of the format beyond bytes.</summary>
    Dialect Dialect { get; }

    IReadOnlyList<Seed> Seeds(SeedCorpus corpus);

    /// <param name="origin">the seed the input was mutated from: it picks the loader (YAML) or the device (captures)</param>
    void Run(byte[] input, Seed origin);

    bool IsOwnError(Exception e);

    /// <summary>Most bytes one case may allocate: past it the case is a memory failure.</summary>
    long MaxAllocatedBytes(byte[] input);
}
