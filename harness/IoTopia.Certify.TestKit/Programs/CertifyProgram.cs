using System.Diagnostics;

namespace IoTopia.Certify.TestKit;

/// <summary>
/// Runs the built <c>certify</c> program as a child process, as the launcher runs it, with a deadline, and captures its output:
/// <c>mud …</c> runs the native build of the mud commands (Release; a Debug build has none, so the managed CLI), anything else the CLI.
/// </summary>
public static class CertifyProgram
{
    /// <summary>Starts the program (stdin, stdout and stderr redirected) in the repository root, for a test that signals or kills it.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var list = args.ToList();
        return list.FirstOrDefault() == "mud" && BuiltPrograms.Configuration == "Release"
            ? StartNativeMud(list, environment)
            : StartManaged(list, environment);
    }

    /// <summary>Starts the managed CLI whatever the command (e.g. to compare its <c>mud</c> commands with the native build's).</summary>
    public static Process StartManaged(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(BuiltPrograms.CliDll), Is.True, $"build the solution first: {BuiltPrograms.CliDll} is missing");
        return Launch("dotnet", [BuiltPrograms.CliDll, .. args], environment);
    }

    /// <summary>Starts the native build of the <c>mud</c> commands (Release builds only).</summary>
    public static Process StartNativeMud(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(BuiltPrograms.MudNative), Is.True, $"build the solution in Release first: {BuiltPrograms.MudNative} is missing");
        return Launch(BuiltPrograms.MudNative, args, environment);
    }

    public static async Task<ProgramResult> RunAsync(params string[] args) => await RunAsync(args, ExternalProgram.DefaultDeadline);

    public static async Task<ProgramResult> RunAsync(IEnumerable<string> args, TimeSpan deadline, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        return await CollectAsync(process, deadline);
    }

    public static Task<ProgramResult> CollectAsync(Process process, TimeSpan deadline) => ExternalProgram.CollectAsync(process, deadline);

    private static Process Launch(string program, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot.Path,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        info.Environment["CERTIFY_ROOT"] = RepoRoot.Path;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
