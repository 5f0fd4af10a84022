using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>Bad input (suite, rig, catalogue, arguments): the message names file, line, column and key.</summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(SourceLocation location, string message)
        : base($"{location}: {message}")
    {
        Location = location;
    }

    public SourceLocation? Location { get; }
}
