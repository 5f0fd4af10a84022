namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>
/// The shared corpus of real MUD files (../shared/mud-corpus beside the repository). It is never copied
/// into the project; tests that need it are ignored, saying why, when it is absent.
/// </summary>
public static class Corpus
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepoRoot.Path, "..", "shared", "mud-corpus"));

    /// <summary>Whether the corpus holds <paramref name="name"/> (for test case sources, which must not call Assert.Ignore).</summary>
    public static bool Has(string name) => System.IO.File.Exists(Path.Combine(Folder, name));

    public static string File(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!System.IO.File.Exists(path))
            Assert.Ignore($"the shared MUD corpus is not here: {path} is missing (it lives in ../shared/mud-corpus beside the repository)");
        return path;
    }
}
