namespace IoTopia.Certify.TestKit;

/// <summary>
/// The programs the solution builds, in the same configuration and framework as the running tests (a
/// Release test runs the Release CLI): tests start them as the launcher and the rigs do, never through the launcher.
/// </summary>
public static class BuiltPrograms
{
    /// <summary>The certify command line.</summary>
    public static string CliDll => Dll(RepoRoot.Combine("harness", "IoTopia.Certify.Cli"), "IoTopia.Certify.Cli.dll");

    /// <summary>The native (Native AOT) build of the <c>mud</c> commands, which the launcher runs for <c>certify mud …</c>; Release builds only.</summary>
    public static string MudNative => Path.Combine(RepoRoot.Combine("harness", "IoTopia.Certify.Cli.Native"), "bin", Configuration, Framework, "native", "IoTopia.Certify.Cli.Native");

    /// <summary>The reference device (fixtures/), as its own project builds it.</summary>
    public static string ReferenceDeviceDll => Dll(ReferenceDeviceProject, "IoTopia.Certify.ReferenceDevice.dll");

    public static string ReferenceDeviceProject => RepoRoot.Combine("fixtures", "IoTopia.Certify.ReferenceDevice");

    /// <summary>Release or Debug: the folder above the test's framework folder (bin/&lt;configuration&gt;/&lt;framework&gt;/).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Framework => new DirectoryInfo(AppContext.BaseDirectory).Name;

    private static string Dll(string projectFolder, string name) => Path.Combine(projectFolder, "bin", Configuration, Framework, name);
}
