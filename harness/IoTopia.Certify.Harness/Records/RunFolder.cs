namespace IoTopia.Certify.Harness.Records;

/// <summary>The paths of one run folder, as CONTRACTS.md lays it out.</summary>
public sealed class RunFolder(string root)
{
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    public string Journal => Path.Combine(Root, "journal.jsonl");
    public string Results => Path.Combine(Root, "results.json");
    public string Manifest => Path.Combine(Root, "manifest.json");
    public string Signature => Manifest + ".p7s";
    public string Evidence => Path.Combine(Root, "evidence");
    public string Inputs => Path.Combine(Root, "inputs");
    public string Rig => Path.Combine(Root, "rig");

    public bool Exists => File.Exists(Journal);

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}
