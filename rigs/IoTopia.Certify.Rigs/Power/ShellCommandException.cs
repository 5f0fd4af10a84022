namespace IoTopia.Certify.Rigs.Power;

/// <summary>A rig's shell command failed: it exited non-zero or overran its deadline.</summary>
public sealed class ShellCommandException(string message, ShellResult? result = null, Exception? inner = null) : Exception(message, inner)
{
    public ShellResult? Result { get; } = result;
}
