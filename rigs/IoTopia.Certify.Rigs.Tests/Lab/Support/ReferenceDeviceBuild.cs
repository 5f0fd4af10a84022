using System.Diagnostics;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// The reference device's dll as its own project builds it (same configuration as these tests). When it
/// is missing it is built once, with a deadline; the tests then start it as the rig does.
/// </summary>
public static class ReferenceDeviceBuild
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(3);

    public static string Project => Path.Combine(RepoRoot.Path, "fixtures", "IoTopia.Certify.ReferenceDevice", "IoTopia.Certify.ReferenceDevice.csproj");

    public static string Dll
    {
        get
        {
            var testDir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            return Path.Combine(Path.GetDirectoryName(Project)!, "bin", testDir.Parent!.Name, testDir.Name, "IoTopia.Certify.ReferenceDevice.dll");
        }
    }

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
        var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", Project, "-c", configuration, "--nologo", "-v", "quiet" })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        using var deadline = new CancellationTokenSource(BuildDeadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"building the reference device took longer than {BuildDeadline}");
        }
        if (process.ExitCode != 0 || !File.Exists(Dll))
            throw new InvalidOperationException($"building the reference device failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }
}
