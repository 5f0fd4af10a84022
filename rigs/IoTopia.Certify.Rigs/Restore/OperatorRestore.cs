using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>
/// A bench where a person restores the DUT: the instructions go to stderr, and the operator presses Enter
/// when done, within a deadline. Needs the rig's <c>operator</c> capability and a terminal on stdin.
/// </summary>
public sealed class OperatorRestore(string instructions, TimeSpan timeout, TextReader input, TextWriter prompt, Func<bool> inputIsTerminal)
    : IRestoreProtocol
{
    private Task<string?>? _pending;

    /// <summary>The console: stdin for Enter, stderr for the prompt.</summary>
    public OperatorRestore(string instructions, TimeSpan timeout)
        : this(instructions, timeout, Console.In, Console.Error, () => !Console.IsInputRedirected)
    {
    }

    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct)
    {
        if (!attempt.Run.Rig.Has("operator"))
            throw new InvalidOperationException("restore by operator: the rig does not list the 'operator' capability (nobody is at the bench)");
        if (!inputIsTerminal())
            throw new InvalidOperationException("restore by operator: stdin is not a terminal, so nobody can press Enter; run certify from a terminal at the bench, or give the rig a restore command");
        if (_pending is { IsCompleted: true })
            _pending = null;
        var asked = DateTimeOffset.UtcNow;
        await prompt.WriteLineAsync(
            $"\n[certify] {attempt.Scenario.Id}: restore the DUT to its factory state.\n[certify] {instructions}\n[certify] Press Enter when done (within {Duration.Format(timeout)}).");
        await prompt.FlushAsync(ct);
        // Console.In ignores cancellation: a read left over from a prompt that timed out is reused, not doubled;
        // a line it got before this prompt was typed for the earlier one and does not count
        var read = _pending ??= Task.Run(input.ReadLine, CancellationToken.None);
        try
        {
            var line = await read.WaitAsync(timeout, ct);
            _pending = null;
            if (line is null)
                throw new InvalidOperationException("restore by operator: stdin closed before the operator pressed Enter");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"restore by operator: nobody pressed Enter within {Duration.Format(timeout)}");
        }
        attempt.Run.Journal.Append(new Note
        {
            ScenarioId = attempt.Scenario.Id,
            Text = "restore: the operator confirmed the DUT is in its factory state",
            Data = new JsonObject { ["asked-at"] = asked, ["confirmed-at"] = DateTimeOffset.UtcNow },
        });
    }
}
