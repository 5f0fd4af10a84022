namespace IoTopia.Certify.Harness.Files;

/// <summary>A file given to the harness is not one it can safely read; the message names the path and why.</summary>
public sealed class UntrustedFileException(string message) : IOException(message);
