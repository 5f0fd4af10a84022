namespace IoTopia.Certify.Rigs.Serial;

/// <summary>No shell prompt came back within the deadline after a command (a lab or rig problem: the step's verdict is error).</summary>
public sealed class ShellPromptMissingException(string command, long sent, DateTimeOffset sentAt, string message) : Exception(message)
{
    public string Command { get; } = command;

    /// <summary>The serial log offset when the command was sent.</summary>
    public long Sent { get; } = sent;

    public DateTimeOffset SentAt { get; } = sentAt;
}
