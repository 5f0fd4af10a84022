using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>A bench's restore: a shell command from the rig file (a flashing tool, a reset script) under a deadline.</summary>
[DriverBackend("restore", "command", "a shell command (a flashing tool, a reset script) under a deadline")]
public sealed class CommandRestore(string command, TimeSpan timeout) : IRestoreProtocol, IDriverBackend<CommandRestore, CommandRestore.Options>
{
    public sealed class Options : IValidatableArguments
    {
        public required string Command { get; init; }
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

        public IEnumerable<string> Validate()
        {
            if (string.IsNullOrWhiteSpace(Command))
                yield return "command: the command is empty";
            if (Timeout <= TimeSpan.Zero)
                yield return "timeout: must be more than 0";
        }
    }

    public static CommandRestore Create(Options options, BackendContext context) => new(options.Command, options.Timeout);

    public static string Resource(Options options) => options.Command;

    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct) =>
        await new ShellCommand("restore", command, timeout).RunCheckedAsync(attempt.StartProcess, attempt.Run.Journal, attempt.Scenario.Id, ct);
}
