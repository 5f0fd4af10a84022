namespace IoTopia.Certify.Rigs.Power;

/// <summary>How a shell command ended, with the start of its output.</summary>
public sealed record ShellResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);
