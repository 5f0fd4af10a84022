namespace IoTopia.Certify.Cli.Terminal;

/// <summary>Live view on an interactive terminal; plain one-line events when piped or when CI=true.</summary>
public static class TerminalMode
{
    public static bool Live =>
        !Console.IsOutputRedirected
        && !InContinuousIntegration
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    /// <summary>CI=true (any case) in the environment, as CI services set it.</summary>
    public static bool InContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
