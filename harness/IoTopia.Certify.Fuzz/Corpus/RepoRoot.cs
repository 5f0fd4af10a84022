namespace IoTopia.Certify.Fuzz.Corpus;

/// <summary>The repository the fuzzer runs in (the folder holding IoTopia.Certify.sln), and the shared test data beside it.</summary>
public static class RepoRoot
{
    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("run the fuzzer inside the repository (no IoTopia.Certify.sln above " + (start ?? AppContext.BaseDirectory) + ")");
    }

    /// <summary>../shared beside the repository: public test data that is read there, never copied into the project.</summary>
    public static string Shared(string root) => System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"));
}
