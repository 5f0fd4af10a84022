using System.Diagnostics;

namespace IoTopia.Certify.TestKit;

/// <summary>Runs the built <c>certify</c> program as a child process, as the launcher runs it, with a deadline, and captures its output.</summary>
public static class CertifyProgram
{
    /// <summary>Starts the program (stdin, stdout and stderr redirected) in the repository root, for a test that signals or kills it.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(BuiltPrograms.CliDll), Is.True, $"build the solution first: {BuiltPrograms.CliDll} is missing");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot.Path,
        };
        info.ArgumentList.Add(BuiltPrograms.CliDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        info.Environment["CERTIFY_ROOT"] = RepoRoot.Path;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return Process.Start(info)!;
    }

    public static async Task<ProgramResult> RunAsync(params string[] args) => await RunAsync(args, ExternalProgram.DefaultDeadline);

    public static async Task<ProgramResult> RunAsync(IEnumerable<string> args, TimeSpan deadline, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        return await CollectAsync(process, deadline);
    }

    public static Task<ProgramResult> CollectAsync(Process process, TimeSpan deadline) => ExternalProgram.CollectAsync(process, deadline);
}
