using System.Diagnostics;

namespace IoTopia.Certify.TestKit;

/// <summary>
/// Runs a program to its end within a deadline and returns what it printed; past the deadline it is killed
/// (with its children), reaped, and the test fails naming it.
/// </summary>
public static class ExternalProgram
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The program's full path from PATH (and /usr/sbin, /sbin), or null when it is not installed.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The program's path; the test is ignored, saying how to install it, when it is missing.</summary>
    public static string Require(string name, string package)
    {
        if (Find(name) is { } path)
            return path;
        Assert.Ignore($"{name} is not installed (apt-get install -y {package}; ./certify test installs it)");
        throw new InvalidOperationException("not reached");
    }

    public static Task<ProgramResult> RunAsync(string program, params string[] args) => RunAsync(program, args, DefaultDeadline);

    public static async Task<ProgramResult> RunAsync(string program, IEnumerable<string> args, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        return await CollectAsync(process, deadline);
    }

    /// <summary>Waits for a started process (output redirected) to end within <paramref name="deadline"/> and returns what it printed.</summary>
    public static async Task<ProgramResult> CollectAsync(Process process, TimeSpan deadline)
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
            Assert.Fail($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {deadline.TotalSeconds:0.#} s");
        }
        return new ProgramResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the program and fails the test unless it exits 0; returns its stdout.</summary>
    public static async Task<string> OutputAsync(string program, params string[] args)
    {
        var result = await RunAsync(program, args);
        Assert.That(result.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {result.Stderr}");
        return result.Stdout;
    }
}
