using System.Diagnostics;

namespace IoTopia.Certify.Suites.Intent.Tests.Support;

/// <summary>Runs a program to its end within a deadline (killed past it) and returns its exit code and output.</summary>
internal static class ProgramRun
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}: {Output}";
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan? deadline = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var errors = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{file} did not finish in time");
        }
        return new Result(process.ExitCode, await output + await errors);
    }

    public static string? Openssl => new[] { "/usr/bin/openssl", "/bin/openssl" }.FirstOrDefault(File.Exists);
}
