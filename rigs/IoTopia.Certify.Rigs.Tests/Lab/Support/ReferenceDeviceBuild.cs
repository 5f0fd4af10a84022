namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// The reference device's dll as its own project builds it (same configuration as these tests). When it
/// is missing it is built once, with a deadline; the tests then start it as the rig does.
/// </summary>
public static class ReferenceDeviceBuild
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(3);

    public static string Project => Path.Combine(BuiltPrograms.ReferenceDeviceProject, "IoTopia.Certify.ReferenceDevice.csproj");

    public static string Dll => BuiltPrograms.ReferenceDeviceDll;

    /// <summary>The dll path, building the project first if the dll is missing.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!File.Exists(Dll))
                await BuildAsync();
            return Dll;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task BuildAsync()
    {
        var result = await ExternalProgram.RunAsync("dotnet", ["build", Project, "-c", BuiltPrograms.Configuration, "--nologo", "-v", "quiet"], BuildDeadline);
        if (result.ExitCode != 0 || !File.Exists(Dll))
            throw new InvalidOperationException($"building the reference device failed: {result}");
    }
}
