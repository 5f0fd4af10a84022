using CsCheck;

namespace IoTopia.Certify.Fuzz.Mutation;

/// <summary>A seed and the mutations stacked on it, in order.</summary>
public sealed record Mutant(int Seed, IReadOnlyList<Mutation> Steps)
{
    /// <summary>Larger inputs are cut: every parser here refuses files past a few MiB before reading them.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public byte[] Build(IReadOnlyList<byte[]> seeds)
    {
        var bytes = seeds[Seed % seeds.Count];
        foreach (var step in Steps)
        {
            bytes = step.Apply(bytes, seeds);
            if (bytes.Length > MaxBytes)
                bytes = bytes[..MaxBytes];
        }
        return bytes;
    }

    public override string ToString() => $"seed #{Seed}, {string.Join(", then ", Steps)}";

    public static Gen<Mutant> Over(int seeds, Dialect dialect) =>
        Gen.Select(Gen.Int[0, Math.Max(0, seeds - 1)], Mutations.For(dialect).Array[1, 4], (seed, steps) => new Mutant(seed, steps));
}
