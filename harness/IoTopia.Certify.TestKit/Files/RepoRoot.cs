namespace IoTopia.Certify.TestKit;

/// <summary>The repository the tests run from, found upwards from the test's bin folder (the folder holding IoTopia.Certify.sln).</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("IoTopia.Certify.sln not found above " + AppContext.BaseDirectory + ": tests must run inside the repository");
    }
}
