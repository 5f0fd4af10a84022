namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>The project root, found upwards from the test's bin folder (the folder with fixtures/personalities.yaml).</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "fixtures", "personalities.yaml")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("fixtures/personalities.yaml not found above " + AppContext.BaseDirectory);
    }
}
