using System.Diagnostics;

namespace IoTopia.Certify.Reports.Pdf;

/// <summary>
/// Runs the printing browser as a child we own: started, drained, waited for until its deadline, then killed with
/// every process it started and reaped; the observer hears of its start and of its end.
/// </summary>
internal static class ChromiumProcess
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <exception cref="System.ComponentModel.Win32Exception">the executable could not be started</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the browser is killed and reaped first)</exception>
    public static async Task<ChromiumExit> RunAsync(ProcessStartInfo info, ChromiumOptions options, IChildProcessObserver? observer, CancellationToken ct)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var pid = process.Id;
        observer?.Started(pid, ChromiumCommand.Text(info));
        process.StandardInput.Close();
        var stdout = new OutputTail();
        var stderr = new OutputTail();
        var drains = Task.WhenAll(DrainAsync(process.StandardOutput, stdout), DrainAsync(process.StandardError, stderr));

        var killed = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(options.Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                killed = Kill(process);
            }
        }

        var reaped = await ReapAsync(process, options.ReapDeadline);
        await Task.WhenAny(drains, Task.Delay(DrainGrace, CancellationToken.None));
        int? exitCode = reaped ? process.ExitCode : null;
        observer?.Ended(pid, exitCode, killed);
        ct.ThrowIfCancellationRequested();
        return new ChromiumExit(exitCode, killed, stdout, stderr);
    }

    private static bool Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // it exited between the deadline and the kill
        }
    }

    private static async Task<bool> ReapAsync(Process process, TimeSpan deadline)
    {
        using var reap = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(reap.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task DrainAsync(StreamReader reader, OutputTail tail)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
                tail.Add(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the pipe closed under us when the process was disposed: what was read is kept
        }
    }
}
