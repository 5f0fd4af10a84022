namespace IoTopia.Certify.Fuzz.Corpus;

/// <summary>A well-formed input mutants start from: its file (for the name of saved failures and the loader to use) and bytes.</summary>
public sealed record Seed(string Path, byte[] Bytes)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public override string ToString() => $"{Name} ({Bytes.Length} bytes)";
}
