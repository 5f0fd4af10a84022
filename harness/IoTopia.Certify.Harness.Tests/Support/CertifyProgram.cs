using System.Diagnostics;
using System.Text;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Runs the built <c>certify</c> program as a child process, with a deadline, and captures its output.</summary>
public static class CertifyProgram
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(Repo.CliDll), Is.True, $"build the solution first: {Repo.CliDll} is missing");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        info.ArgumentList.Add(Repo.CliDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        info.Environment["CERTIFY_ROOT"] = Repo.Root;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return Process.Start(info)!;
    }

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(args, TimeSpan.FromSeconds(60));

    public static async Task<Result> RunAsync(IEnumerable<string> args, TimeSpan deadline, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        return await CollectAsync(process, deadline);
    }

    public static async Task<Result> CollectAsync(Process process, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"certify did not finish within {deadline}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
