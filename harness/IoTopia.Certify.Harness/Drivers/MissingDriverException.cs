namespace IoTopia.Certify.Harness.Drivers;

/// <summary>A step asked for a protocol the rig has no driver for, or one it did not declare: the lab's fault (<c>error</c>).</summary>
public sealed class MissingDriverException(string message) : Exception(message);
