namespace IoTopia.Certify.Harness.Engine;

/// <summary>The place a rig's runs need could not be made (no namespaces, no veth): the lab's fault, exit 2, nothing was run.</summary>
public sealed class RunIsolationException(string message, Exception? inner = null) : Exception(message, inner);
