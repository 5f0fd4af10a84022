using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>
/// A bench where a person restores the DUT: the instructions go to stderr, and the operator presses Enter
/// when done, within a deadline. Needs the run's <c>operator</c> capability (a person at certify's terminal, which
/// the run gives, not the rig file) and a terminal on stdin.
/// </summary>
[DriverBackend("restore", "operator", "a person at the bench restores the DUT and presses Enter (needs the run's operator)")]
public sealed class OperatorRestore(string instructions, TimeSpan timeout, TextReader input, TextWriter prompt, Func<bool> inputIsTerminal)
    : IRestoreProtocol, IDriverBackend<OperatorRestore, OperatorRestore.Options>
{
    private Task<string?>? _pending;

    public sealed class Options : IValidatableArguments
    {
        public string Instructions { get; init; } = "Restore the DUT to its factory state, then press Enter";
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

        public IEnumerable<string> Validate()
        {
            if (Timeout <= TimeSpan.Zero)
                yield return "timeout: must be more than 0";
        }
    }

    public static OperatorRestore Create(Options options, BackendContext context) => new(options.Instructions, options.Timeout);

    public static string Resource(Options options) => "the operator at the terminal";

    /// <summary>The console: stdin for Enter, stderr for the prompt.</summary>
    public OperatorRestore(string instructions, TimeSpan timeout)
        : this(instructions, timeout, Console.In, Console.Error, () => !Console.IsInputRedirected)
    {
    }

    public Task RestoreAsync(AttemptContext attempt, CancellationToken ct) =>
        AskAsync(attempt, "restore by operator", "restore the DUT to its factory state.", instructions,
            "restore: the operator confirmed the DUT is in its factory state", ct);

    private async Task AskAsync(AttemptContext attempt, string label, string what, string how, string confirmed, CancellationToken ct)
    {
        if (!attempt.Run.Rig.Has("operator"))
            throw new InvalidOperationException($"{label}: the run has no 'operator' capability (nobody is at the bench: no terminal, or CI)");
        if (!inputIsTerminal())
            throw new InvalidOperationException($"{label}: stdin is not a terminal, so nobody can press Enter; run certify from a terminal at the bench, or give the rig a restore command");
        if (_pending is { IsCompleted: true })
            _pending = null;
        var asked = DateTimeOffset.UtcNow;
        await prompt.WriteLineAsync(
            $"\n[certify] {attempt.Scenario.Id}: {what}{(how.Length == 0 ? "" : $"\n[certify] {how}")}\n[certify] Press Enter when done (within {Duration.Format(timeout)}).");
        await prompt.FlushAsync(ct);
        // Console.In ignores cancellation: a read left over from a prompt that timed out is reused, not doubled;
        // a line it got before this prompt was typed for the earlier one and does not count
        var read = _pending ??= Task.Run(input.ReadLine, CancellationToken.None);
        try
        {
            var line = await read.WaitAsync(timeout, ct);
            _pending = null;
            if (line is null)
                throw new InvalidOperationException($"{label}: stdin closed before the operator pressed Enter");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{label}: nobody pressed Enter within {Duration.Format(timeout)}");
        }
        attempt.Run.Journal.Append(new Note
        {
            ScenarioId = attempt.Scenario.Id,
            Text = confirmed,
            Data = new JsonObject { ["asked-at"] = asked, ["confirmed-at"] = DateTimeOffset.UtcNow },
        });
    }
}
