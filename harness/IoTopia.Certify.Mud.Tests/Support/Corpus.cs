namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>
/// The shared corpus of real MUD files (../shared/mud-corpus beside the repository). It is never copied
/// into the project; tests that need it are ignored, saying why, when it is absent.
/// </summary>
public static class Corpus
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepoRoot.Path, "..", "shared", "mud-corpus"));

    public static string File(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!System.IO.File.Exists(path))
            Assert.Ignore($"the shared MUD corpus is not here: {path} is missing (it lives in ../shared/mud-corpus beside the repository)");
        return path;
    }
}
