namespace IoTopia.Certify.Cli.Terminal;

/// <summary>Live view on an interactive terminal; plain one-line events when piped or when CI=true.</summary>
public static class TerminalMode
{
    public static bool Live =>
        !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
