using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>Types commands on the DUT's shell and waits, for each, until its prompt comes back (<see cref="ShellPromptWait"/>).</summary>
public sealed class ShellCommandRunner(IConsoleProtocol console, string prompt, TimeSpan within, TimeSpan quiet)
{
    private readonly Regex _prompt = ShellPromptWait.Build(prompt);

    /// <summary>Silence after passed-over prompt-like text before Enter is pressed for a fresh prompt.</summary>
    public static readonly TimeSpan WakeAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until the DUT has printed nothing for <c>quiet</c> (at most <c>within</c>: output of an earlier step still
    /// arriving is not this command's), then sends <paramref name="command"/> and Enter; throws
    /// <see cref="ShellPromptMissingException"/> when no prompt comes back within the deadline.
    /// </summary>
    public async Task<ShellRun> RunAsync(string command, CancellationToken ct)
    {
        var log = console.Log;
        var settled = await SerialSilence.WaitAsync(log, quiet, within, ct);
        var sent = log.Length;
        var sentAt = DateTimeOffset.UtcNow;
        var wait = new ShellPromptWait(console, _prompt, quiet, WakeAfter);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(within);
        try
        {
            await console.SendAsync(Encoding.UTF8.GetBytes(command + SerialSendStep.Enter), deadline.Token);
            var found = await wait.WaitAsync(sent, deadline.Token);
            return new ShellRun(command, sent, sentAt, found, wait.PassedOver, wait.Wakes) { SentWhileBusy = !settled };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var received = log.Length - sent;
            var passed = wait.PassedOver == 0 ? "" : $"; {wait.PassedOver} prompt-like line(s) were followed by more output";
            var woke = wait.Wakes == 0 ? "" : $"; Enter pressed {wait.Wakes} time(s) for a fresh prompt";
            throw new ShellPromptMissingException(command, sent, sentAt,
                $"no shell prompt /{prompt}/ came back within {Duration.Format(within)} after `{command}` " +
                $"({(received == 0 ? "no serial output at all" : $"{received} bytes of serial output")}{passed}{woke})");
        }
    }
}
