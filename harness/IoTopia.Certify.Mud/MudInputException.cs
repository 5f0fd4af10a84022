namespace IoTopia.Certify.Mud;

/// <summary>An input the user gave (a trust anchor, a certificate, an option) cannot be used: bad input, not a finding about the MUD file.</summary>
public sealed class MudInputException(string message, Exception? inner = null) : Exception(message, inner);
