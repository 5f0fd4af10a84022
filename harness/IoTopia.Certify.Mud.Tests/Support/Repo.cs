namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built command-line program (the same configuration as these tests).</summary>
    public static string CliDll { get; } = Path.Combine(Root, "harness", "IoTopia.Certify.Cli", "bin", Configuration, "net10.0", "IoTopia.Certify.Cli.dll");

    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

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
