using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// Waits for the shell prompt that ends a command's output. A prompt counts only where a shell waiting for
/// input leaves it: at the start of a line, and the last thing the DUT printed for <c>quiet</c>. Prompt-like
/// text inside the output (a line starting <c># </c> in a config file) is followed by more output, so it is
/// passed over. When such a candidate was passed over and the console then stays silent for
/// <c>wakeAfter</c> (an asynchronous log line printed just after the real prompt hid it), Enter is pressed
/// for a fresh prompt, at most <see cref="MaxWakes"/> times.
/// </summary>
public sealed class ShellPromptWait(IConsoleProtocol console, Regex prompt, TimeSpan quiet, TimeSpan wakeAfter)
{
    public const int MaxWakes = 3;

    /// <summary>The prompt pattern as the wait uses it: after a line break (CR LF or LF), the pattern's <c>^</c> and <c>$</c> per line.</summary>
    public static Regex Build(string pattern) => SerialPatterns.Build($"(?m)\\n(?:{pattern})");

    /// <summary>Prompt-like text passed over because more output followed it.</summary>
    public int PassedOver { get; private set; }

    /// <summary>Times Enter was pressed for a fresh prompt.</summary>
    public int Wakes { get; private set; }

    /// <summary>Waits from <paramref name="from"/> until the prompt is seen and the DUT stays quiet after it; cancelled by <paramref name="ct"/> only.</summary>
    /// <returns>the prompt, without the line break before it</returns>
    public async Task<SerialMatch> WaitAsync(long from, CancellationToken ct)
    {
        var log = console.Log;
        var scanFrom = from;
        while (true)
        {
            var candidate = await NextCandidateAsync(log, scanFrom, ct);
            if (candidate is null)
                continue; // woke the shell: look again from where we were
            if (await SerialSilence.AfterAsync(log, candidate.End, quiet, ct))
                return candidate with { Start = candidate.Start + 1, Text = candidate.Text[1..] };
            PassedOver++;
            scanFrom = candidate.Start + 1; // the next prompt starts after a later line break
        }
    }

    /// <summary>The next prompt-like match, or null after pressing Enter because the console fell silent without one.</summary>
    private async Task<SerialMatch?> NextCandidateAsync(ISerialLog log, long scanFrom, CancellationToken ct)
    {
        if (PassedOver == 0 || Wakes >= MaxWakes || wakeAfter <= TimeSpan.Zero)
            return await log.WaitForAsync(prompt, scanFrom, ct);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(wakeAfter);
        try
        {
            return await log.WaitForAsync(prompt, scanFrom, idle.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            if (!SilentFor(log, wakeAfter))
                return null; // still printing: a command at work, not a shell waiting
            await console.SendAsync(Encoding.ASCII.GetBytes(SerialSendStep.Enter), ct);
            Wakes++;
            return null;
        }
    }

    private static bool SilentFor(ISerialLog log, TimeSpan span)
    {
        var length = log.Length;
        if (length == 0)
            return true;
        try
        {
            return DateTimeOffset.UtcNow - log.TimeAt(length - 1) >= span;
        }
        catch (ArgumentOutOfRangeException)
        {
            return true; // evicted from the window: long ago
        }
    }
}
