namespace IoTopia.Certify.Mud.Model;

/// <summary>The <c>tcp</c> match of an ACE, with RFC 8520's <c>direction-initiated</c>.</summary>
public sealed record TcpMatch
{
    public PortMatch? SourcePort { get; init; }

    public PortMatch? DestinationPort { get; init; }

    /// <summary>Who must have opened the connection; null when any side may.</summary>
    public Direction? DirectionInitiated { get; init; }

    public required SourceLocation Location { get; init; }
}
