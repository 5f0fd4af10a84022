namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>One option as it appeared on the wire (repeated codes are kept apart here; <see cref="DhcpMessage.Option"/> joins them).</summary>
public sealed record DhcpOption(byte Code, byte[] Value);
