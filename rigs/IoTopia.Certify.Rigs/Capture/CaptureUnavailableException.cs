namespace IoTopia.Certify.Rigs.Capture;

/// <summary>Capture cannot work on this rig (no rights, no interface, no libpcap); the message says why.</summary>
public sealed class CaptureUnavailableException(string reason) : Exception(reason);
