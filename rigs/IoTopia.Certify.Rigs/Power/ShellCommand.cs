using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// A command from the rig file (a relay CLI, a PDU script, a restore tool), run with <c>/bin/sh -c</c>
/// as an owned process under a deadline; its exit code and output go to the journal.
/// </summary>
/// <param name="Label">what the command is for, e.g. "power off"</param>
public sealed record ShellCommand(string Label, string Command, TimeSpan Timeout)
{
    public const int OutputLimit = 64 * 1024;
    private const int JournalOutputChars = 2000;
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    /// <param name="start">starts the process as an owned one (RunContext.StartProcess or AttemptContext.StartProcess)</param>
    public async Task<ShellResult> RunAsync(Func<ProcessStartInfo, OwnedProcess> start, Journal journal, string? scenarioId, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Command);
        var clock = Stopwatch.StartNew();
        var process = start(info);
        try
        {
            process.Process.StandardInput.Close();
            var stdout = ReadBoundedAsync(process.Process.StandardOutput.BaseStream);
            var stderr = ReadBoundedAsync(process.Process.StandardError.BaseStream);
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(Timeout);
                try
                {
                    await process.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    journal.Append(new Note { ScenarioId = scenarioId, Text = $"{Label}: `{Command}` overran its deadline of {Duration.Format(Timeout)} and was killed" });
                    throw new ShellCommandException($"{Label} command `{Command}` did not finish within {Duration.Format(Timeout)}");
                }
            }
            // a background child may hold the pipes open: output is not worth waiting for long
            string[] output;
            try
            {
                output = await Task.WhenAll(stdout, stderr).WaitAsync(OutputGrace, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                output = ["", "(output not collected: a child of the command kept its pipes open)"];
            }
            var result = new ShellResult(Command, process.Process.ExitCode, output[0], output[1], clock.Elapsed);
            journal.Append(new Note
            {
                ScenarioId = scenarioId,
                Text = $"{Label}: `{Command}` exited with {result.ExitCode} after {Duration.Format(result.Elapsed)}",
                Data = new JsonObject
                {
                    ["command"] = Command,
                    ["exit-code"] = result.ExitCode,
                    ["stdout"] = DeviceText.Clip(result.Stdout, JournalOutputChars),
                    ["stderr"] = DeviceText.Clip(result.Stderr, JournalOutputChars),
                },
            });
            return result;
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Runs the command; a non-zero exit is an exception naming the command and its error output.</summary>
    public async Task<ShellResult> RunCheckedAsync(Func<ProcessStartInfo, OwnedProcess> start, Journal journal, string? scenarioId, CancellationToken ct)
    {
        var result = await RunAsync(start, journal, scenarioId, ct);
        if (result.ExitCode == 0)
            return result;
        var detail = result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : result.Stdout.Trim();
        throw new ShellCommandException(
            $"{Label} command `{Command}` exited with {result.ExitCode}{(detail.Length > 0 ? ": " + DeviceText.Clip(detail, 500) : "")}", result);
    }

    private static async Task<string> ReadBoundedAsync(Stream stream)
    {
        var kept = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            var room = (int)Math.Min(n, OutputLimit - kept.Length);
            if (room > 0)
                kept.Write(buffer, 0, room);
        }
        return DeviceText.Decode(kept.GetBuffer().AsSpan(0, (int)kept.Length), OutputLimit);
    }
}
