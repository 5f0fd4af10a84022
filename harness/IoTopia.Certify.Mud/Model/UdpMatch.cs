namespace IoTopia.Certify.Mud.Model;

/// <summary>The <c>udp</c> match of an ACE.</summary>
public sealed record UdpMatch
{
    public PortMatch? SourcePort { get; init; }

    public PortMatch? DestinationPort { get; init; }

    public required SourceLocation Location { get; init; }
}
