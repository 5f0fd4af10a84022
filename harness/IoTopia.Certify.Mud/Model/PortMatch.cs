namespace IoTopia.Certify.Mud.Model;

/// <summary>A <c>source-port</c> or <c>destination-port</c> match: an operator with <see cref="Port"/>, or a range <see cref="Port"/>..<see cref="UpperPort"/>.</summary>
public sealed record PortMatch(PortOperator Operator, int Port, int UpperPort, SourceLocation Location)
{
    public static PortMatch Single(PortOperator op, int port, SourceLocation location) => new(op, port, port, location);

    public static PortMatch Between(int lower, int upper, SourceLocation location) => new(PortOperator.Range, lower, upper, location);

    public bool Matches(int port) => Operator switch
    {
        PortOperator.Eq => port == Port,
        PortOperator.Neq => port != Port,
        PortOperator.Lte => port <= Port,
        PortOperator.Gte => port >= Port,
        PortOperator.Range => port >= Port && port <= UpperPort,
        _ => false,
    };

    public override string ToString() => Operator switch
    {
        PortOperator.Range => $"{Port}-{UpperPort}",
        PortOperator.Eq => $"{Port}",
        _ => $"{Operator.ToString().ToLowerInvariant()} {Port}",
    };
}
