namespace IoTopia.Certify.Benchmarks;

/// <summary>The program ./certify runs: the CLI's own Release build (ReadyToRun-compiled there), found from the repository root.</summary>
public static class CertifyProgram
{
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
            {
                var cli = System.IO.Path.Combine(dir.FullName, "harness", "IoTopia.Certify.Cli", "bin", "Release", "net10.0", "IoTopia.Certify.Cli.dll");
                return File.Exists(cli) ? cli : throw new FileNotFoundException($"{cli}: build it first (./certify build)");
            }
        }
        throw new DirectoryNotFoundException($"no IoTopia.Certify.sln above {AppContext.BaseDirectory}");
    }
}
