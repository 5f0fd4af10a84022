namespace IoTopia.Certify.Benchmarks;

/// <summary>The programs ./certify runs, from the Release build: the native build of the mud commands (for <c>certify mud …</c>) and the managed CLI (ReadyToRun-compiled).</summary>
public static class CertifyProgram
{
    /// <summary>What <c>./certify mud check</c> runs: harness/IoTopia.Certify.Cli.Native's native executable.</summary>
    public static string MudNative() =>
        Built(Path.Combine("harness", "IoTopia.Certify.Cli.Native", "bin", "Release", "net10.0", "native", "IoTopia.Certify.Cli.Native"));

    /// <summary>The managed command line (every other command; <c>dotnet</c> runs it).</summary>
    public static string CliDll() =>
        Built(Path.Combine("harness", "IoTopia.Certify.Cli", "bin", "Release", "net10.0", "IoTopia.Certify.Cli.dll"));

    private static string Built(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
            {
                var path = Path.Combine(dir.FullName, relative);
                return File.Exists(path) ? path : throw new FileNotFoundException($"{path}: build it first (./certify build)");
            }
        }
        throw new DirectoryNotFoundException($"no IoTopia.Certify.sln above {AppContext.BaseDirectory}");
    }
}
