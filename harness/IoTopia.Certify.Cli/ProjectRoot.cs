namespace IoTopia.Certify.Cli;

/// <summary>The project's top folder: where the defaults (rigs/virtual.yaml, suites/, runs/) live.</summary>
public static class ProjectRoot
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("CERTIFY_ROOT") is { Length: > 0 } fromLauncher && Directory.Exists(fromLauncher))
            return Path.GetFullPath(fromLauncher);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
                return dir.FullName;
        }
        return Environment.CurrentDirectory;
    }
}
