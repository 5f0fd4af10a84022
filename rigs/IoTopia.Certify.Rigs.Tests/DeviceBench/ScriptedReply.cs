namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>
/// What a <see cref="ScriptedShell"/> prints for a command: its output lines, then (unless <see cref="NoPrompt"/>)
/// the prompt, then <see cref="AfterPrompt"/> at once (an asynchronous log line that hides the prompt).
/// </summary>
internal sealed record ScriptedReply(params string[] Lines)
{
    public bool NoPrompt { get; init; }
    public string? AfterPrompt { get; init; }
}
