namespace IoTopia.Certify.Cli.Commands;

/// <summary>Bad arguments or input files of the <c>suit</c> commands (exit 3).</summary>
public sealed class SuitInputException(string message, Exception? inner = null) : Exception(message, inner);
