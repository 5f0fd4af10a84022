namespace IoTopia.Certify.TestKit;

/// <summary>How a child process ended and what it printed.</summary>
public sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, stdout first (for tools that report on either).</summary>
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
