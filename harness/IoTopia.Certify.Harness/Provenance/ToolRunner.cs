using System.Diagnostics;

namespace IoTopia.Certify.Harness.Provenance;

/// <summary>Runs a short command for its output, with a deadline; null when it is absent, fails or overruns.</summary>
public static class ToolRunner
{
    public static async Task<string?> OutputAsync(string file, IEnumerable<string> arguments, string? workingDirectory, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        using (var cts = new CancellationTokenSource(deadline))
        {
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(cts.Token);
                _ = process.StandardError.ReadToEndAsync(cts.Token);
                await process.WaitForExitAsync(cts.Token);
                return process.ExitCode == 0 ? (await output).Trim() : null;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                return null;
            }
        }
    }
}
