using System.Diagnostics;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>Runs <c>ip</c> (or iproute2's <c>bridge</c>) within a deadline; a failure names the command and what it said.</summary>
public static class IpCommand
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <returns>ip's standard output</returns>
    public static Task<string> RunAsync(IEnumerable<string> arguments, string? input = null, CancellationToken ct = default) =>
        RunAsync("ip", arguments, input, ct);

    /// <param name="program">ip or bridge (both iproute2)</param>
    /// <returns>the program's standard output</returns>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? input = null, CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        var text = program + " " + string.Join(' ', info.ArgumentList);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {text}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"iproute2's {program} is missing (apt-get install iproute2)", e);
        }
        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Deadline);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), deadline.Token);
                process.StandardInput.Close();
            }
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"{text} did not finish within {Deadline.TotalSeconds:0} s");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{text} failed ({process.ExitCode}): {(await stderr).Trim()}");
            return await stdout;
        }
    }

    public static Task<string> RunAsync(params string[] arguments) => RunAsync(arguments, null, CancellationToken.None);
}
