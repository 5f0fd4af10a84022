namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>Finds the built reference device next to the harness's own build (same configuration).</summary>
public static class DeviceProgram
{
    public static string DllPath(string projectFolder)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var name = Path.GetFileName(projectFolder.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(projectFolder, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"the reference device is not built: {dll} is missing (./certify builds it; or dotnet build {projectFolder} -c {configuration})");
    }
}
