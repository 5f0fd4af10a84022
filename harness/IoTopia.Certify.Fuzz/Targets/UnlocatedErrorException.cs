namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>A loader refused an input with a message that does not say where in the file the problem is.</summary>
public sealed class UnlocatedErrorException(string message, Exception inner) : Exception(message, inner);
