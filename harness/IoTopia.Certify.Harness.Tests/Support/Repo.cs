namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built command-line program (the same configuration as these tests), as the launcher runs it.</summary>
    public static string CliDll { get; } = Path.Combine(Root, "harness", "IoTopia.Certify.Cli", "bin", Configuration, "net10.0", "IoTopia.Certify.Cli.dll");

    public static string TestSuites { get; } = Path.Combine(AppContext.BaseDirectory, "TestSuites");

    public static string Schema { get; } = Path.Combine(Root, "harness", "schemas", "results.schema.json");

    public static string InProcessRig { get; } = Path.Combine(TestSuites, "in-process.rig.yaml");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("tests must run inside the repository");
    }
}
