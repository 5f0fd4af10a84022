using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

[Needs(typeof(IConsoleProtocol))]
[Step("serial.run", "Runs a command on the DUT's shell: sends it, takes its output up to the next shell prompt, and checks whole lines of it " +
                    "(exactly or by a regex anchored to the line) and its exit status where the rig says how to read it (dut.exit-status-command).")]
public sealed class SerialRunStep : Step<SerialRunStep.Arguments>
{
    /// <summary>The rig fact naming the command that prints the last command's exit status (<c>echo $?</c>).</summary>
    public const string ExitStatusFact = "exit-status-command";

    public const int MaxCommands = 16;
    public const int MaxCommandChars = 1024;

    /// <summary>Output longer than this is not checked: what was not read cannot be said absent.</summary>
    public const int MaxOutputBytes = 1024 * 1024;

    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>The command; several lines are several commands, run in turn.</summary>
        public required string Command { get; init; }

        /// <summary>Regex of the shell prompt (suites: <c>"${dut.shell-prompt}"</c>).</summary>
        public required string Prompt { get; init; }

        /// <summary>A line of the output must be exactly this.</summary>
        public string? ExpectLine { get; init; }

        /// <summary>A line of the output must match this regex from its first character to its last.</summary>
        public string? ExpectMatch { get; init; }

        /// <summary>No line of the output may be exactly this.</summary>
        public string? ExpectNoLine { get; init; }

        /// <summary>The exit status each command must end with (0–255), or <c>any</c>; checked only where it can be read.</summary>
        public string ExitStatus { get; init; } = "0";

        /// <summary>The command that prints the exit status; default: the rig's <c>dut.exit-status-command</c>; none: not checked.</summary>
        public string? ExitStatusCommand { get; init; }

        /// <summary>How long each command may take to come back to the prompt.</summary>
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>How long the DUT must print nothing after a prompt for it to count as the shell waiting.</summary>
        public TimeSpan Quiet { get; init; } = TimeSpan.FromMilliseconds(200);

        public IEnumerable<string> Validate()
        {
            var commands = Commands(Command);
            if (commands.Count == 0)
                yield return "command: is empty";
            if (commands.Count > MaxCommands)
                yield return $"command: {commands.Count} lines; at most {MaxCommands} commands";
            foreach (var problem in commands.Select(c => CommandProblem(c, "command")).OfType<string>().Take(1))
                yield return problem;
            if (ExitStatusCommand is not null && CommandProblem(ExitStatusCommand, "exit-status-command") is { } statusProblem)
                yield return statusProblem;
            if (ExitStatusCommand?.Contains('\n') == true)
                yield return "exit-status-command: one command, one line";
            foreach (var problem in new[] { SerialPatterns.Problem(Prompt, "prompt"), ExpectMatch is null ? null : SerialPatterns.Problem(ExpectMatch, "expect-match") }.OfType<string>())
                yield return problem;
            foreach (var (line, name) in new[] { (ExpectLine, "expect-line"), (ExpectNoLine, "expect-no-line") })
            {
                if (line is not null && (line.Length == 0 || line.Contains('\n') || line.Contains('\r')))
                    yield return $"{name}: one line of text, not empty";
            }
            if (ExpectedStatus(ExitStatus) is null && ExitStatus != "any")
                yield return $"exit-status: '{ExitStatus}' is neither a status 0–255 nor 'any'";
            if (Within <= TimeSpan.Zero)
                yield return "within: must be more than 0";
            if (Quiet < TimeSpan.FromMilliseconds(10) || Quiet > TimeSpan.FromSeconds(10))
                yield return "quiet: must be 10ms–10s";
        }
    }

    private static IReadOnlyList<string> Commands(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0).ToList();

    private static string? CommandProblem(string command, string name) =>
        command.Length > MaxCommandChars ? $"{name}: a command of {command.Length} characters; at most {MaxCommandChars}"
        : command.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r') ? $"{name}: control characters cannot be typed as a command"
        : null;

    private static int? ExpectedStatus(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 255 ? n : null;

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var console = context.Drivers.Get<IConsoleProtocol>();
        var statusCommand = args.ExitStatusCommand ?? RigStatusCommand(context);
        var transcript = new SerialRunTranscript(console.Log, args.Prompt, statusCommand is null
            ? $"not checked: the rig gives no dut.{ExitStatusFact}"
            : $"read with `{statusCommand}`{(args.ExitStatus == "any" ? ", not checked (exit-status: any)" : $", expected {args.ExitStatus}")}");
        var shell = new ShellCommandRunner(console, args.Prompt, args.Within, args.Quiet);
        context.Details["prompt"] = args.Prompt;
        context.Details["exit-status"] = transcript.StatusNote;
        var outputs = new List<CommandOutput>();
        var commands = new JsonArray();
        context.Details["commands"] = commands;
        try
        {
            foreach (var command in Commands(args.Command))
            {
                var run = await shell.RunAsync(command, ct);
                SerialCursor.Advance(context.Attempt, run.Prompt.End);
                var output = CommandOutput.Of(command, console.Log.Read(run.Sent, run.OutputEnd).Span);
                outputs.Add(output);
                var described = transcript.Add(run, output);
                commands.Add(described);
                if (run.OutputEnd - run.Sent > MaxOutputBytes)
                    return await FinishAsync(context, transcript, StepOutcome.Inconclusive(
                        $"`{command}` printed {run.OutputEnd - run.Sent} bytes; at most {MaxOutputBytes} are checked", observed: Observed(output)), ct);
                if (statusCommand is null)
                    continue;
                var statusRun = await shell.RunAsync(statusCommand, ct);
                SerialCursor.Advance(context.Attempt, statusRun.Prompt.End);
                var statusOutput = CommandOutput.Of(statusCommand, console.Log.Read(statusRun.Sent, statusRun.OutputEnd).Span);
                var status = statusOutput.ExitStatus();
                transcript.AddStatus(statusRun, statusOutput, status);
                described["exit-status"] = status;
                described["exit-status-output"] = DeviceText.Clip(SerialRunTranscript.Joined(statusOutput.Lines), SerialOutcomes.MatchTextLimit);
                if (args.ExitStatus == "any")
                    continue;
                if (status is null)
                    return await FinishAsync(context, transcript, StepOutcome.Inconclusive(
                        $"the exit status of `{command}` cannot be read: `{statusCommand}` printed no single whole number",
                        $"exit status {args.ExitStatus}", Observed(statusOutput)), ct);
                if (status != ExpectedStatus(args.ExitStatus))
                    return await FinishAsync(context, transcript, StepOutcome.Fail(
                        $"`{command}` ended with exit status {status}, expected {args.ExitStatus}", $"exit status {args.ExitStatus}", Observed(output)), ct);
            }
        }
        catch (ShellPromptMissingException e)
        {
            transcript.AddMissing(e);
            return await FinishAsync(context, transcript, PromptMissing(console, e), ct);
        }
        return await FinishAsync(context, transcript, Check(args, outputs), ct);
    }

    /// <summary>The rig's <c>dut.exit-status-command</c>, as the scenario has it (a <c>--param</c> may override it).</summary>
    private static string? RigStatusCommand(StepContext context) =>
        context.Attempt.Scenario.Parameters.GetValueOrDefault($"dut.{ExitStatusFact}") is { } fact && fact.Trim() is { Length: > 0 } command ? command : null;

    private static StepOutcome Check(Arguments args, IReadOnlyList<CommandOutput> outputs)
    {
        var lines = outputs.SelectMany(o => o.Lines).ToList();
        var observed = Observed(lines);
        var what = outputs.Count == 1 ? "the output" : "the commands' output";
        if (args.ExpectLine is { } line && !outputs.Any(o => o.HasLine(line)))
            return StepOutcome.Fail($"no line of {what} is exactly '{DeviceText.Clip(line, 200)}' ({lines.Count} lines)", $"a line '{line}'", observed);
        if (args.ExpectMatch is { } pattern && !outputs.Any(o => o.HasMatchingLine(CommandOutput.WholeLine(pattern))))
            return StepOutcome.Fail($"no line of {what} matches /{pattern}/ as a whole line ({lines.Count} lines)", $"a whole line matching /{pattern}/", observed);
        if (args.ExpectNoLine is { } absent && outputs.Any(o => o.HasLine(absent)))
            return StepOutcome.Fail($"{what} has the line '{DeviceText.Clip(absent, 200)}'", $"no line '{absent}'", observed);
        var checks = new[] { args.ExpectLine is null ? null : $"a line '{args.ExpectLine}'", args.ExpectMatch is null ? null : $"a line matching /{args.ExpectMatch}/",
            args.ExpectNoLine is null ? null : $"no line '{args.ExpectNoLine}'" }.OfType<string>().ToList();
        return StepOutcome.Pass(checks.Count == 0
            ? $"{outputs.Count} command(s) came back to the prompt ({lines.Count} lines of output)"
            : $"{string.Join(", ", checks)} ({lines.Count} lines of output)");
    }

    private static StepOutcome PromptMissing(IConsoleProtocol console, ShellPromptMissingException e) =>
        StepOutcome.Error(SerialOutcomes.PortLost(console, e.SentAt) is { } lost ? $"{lost} for the prompt after `{e.Command}`" : e.Message);

    private static async Task<StepOutcome> FinishAsync(StepContext context, SerialRunTranscript transcript, StepOutcome outcome, CancellationToken ct)
    {
        await context.WriteEvidenceAsync("txt", "serial-run", transcript.Render(), "transcript", ct);
        return outcome;
    }

    private static string Observed(CommandOutput output) => Observed(output.Lines);

    private static string Observed(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? "(no output)" : DeviceText.Clip(SerialRunTranscript.Joined(lines), SerialWindow.DefaultTailChars);
}
