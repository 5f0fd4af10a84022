using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>A bench's restore: a shell command from the rig file (a flashing tool, a reset script) under a deadline.</summary>
public sealed class CommandRestore(string command, TimeSpan timeout) : IRestoreProtocol
{
    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct) =>
        await new ShellCommand("restore", command, timeout).RunCheckedAsync(attempt.StartProcess, attempt.Run.Journal, attempt.Scenario.Id, ct);
}
