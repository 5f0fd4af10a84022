namespace IoTopia.Certify.Fuzz.Corpus;

/// <summary>
/// The seeds of each target: our own files in the repository (suites, rigs, declarations, test fixtures, the
/// captures under Seeds/) and, when they are there, the shared corpus in ../shared/mud-corpus and the SUIT vectors in
/// ../shared/vectors/suit (read in place).
/// </summary>
public sealed class SeedCorpus(string root)
{
    public string Root { get; } = root;

    public string SharedMudCorpus => Path.Combine(RepoRoot.Shared(Root), "mud-corpus");

    public bool HasSharedCorpus => Directory.Exists(SharedMudCorpus);

    public IReadOnlyList<Seed> Mud() =>
        Read(Files(SharedMudCorpus, "*.json").Concat(Files(Path.Combine(Root, "harness", "IoTopia.Certify.Mud.Tests", "Fixtures"), "*.json")));

    public IReadOnlyList<Seed> Captures() =>
        Read(Files(SharedMudCorpus, "*.pcap")
            .Concat(Files(SharedMudCorpus, "*.pcapng"))
            .Concat(Files(Path.Combine(Root, "harness", "IoTopia.Certify.Fuzz", "Seeds", "captures"), "*")));

    public IReadOnlyList<Seed> DeviceInput() =>
        Read(Files(Path.Combine(Root, "harness", "IoTopia.Certify.Fuzz", "Seeds", "device"), "*"));

    /// <summary>The IETF draft's SUIT envelopes in ../shared/vectors/suit (read in place).</summary>
    public string SharedSuitVectors => Path.Combine(RepoRoot.Shared(Root), "vectors", "suit");

    public IReadOnlyList<Seed> Suit() => Read(Files(SharedSuitVectors, "*.suit"));

    public IReadOnlyList<Seed> Yaml() =>
        Read(Files(Path.Combine(Root, "suites"), "*.yaml", recursive: true)
            .Concat(Files(Path.Combine(Root, "rigs"), "*.yaml"))
            .Concat(Files(Path.Combine(Root, "fixtures", "reference-device-declarations"), "*.yaml"))
            .Concat(Files(Path.Combine(Root, "harness", "IoTopia.Certify.Harness.Tests", "TestSuites"), "*.yaml")));

    private static IEnumerable<string> Files(string folder, string pattern, bool recursive = false) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];

    private static List<Seed> Read(IEnumerable<string> paths) => paths.Select(p => new Seed(p, File.ReadAllBytes(p))).ToList();
}
