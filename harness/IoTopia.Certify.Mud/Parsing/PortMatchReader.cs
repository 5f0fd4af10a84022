using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads a <c>source-port</c> / <c>destination-port</c> container: operator and port, or lower-port and upper-port.</summary>
internal static class PortMatchReader
{
    public static PortMatch? Read(ObjectReader? port)
    {
        if (port is null)
            return null;
        var sink = port.Sink;
        var isRange = port.Has("lower-port") || port.Has("upper-port");
        var isOperator = port.Has("operator") || port.Has("port");
        PortMatch? result = null;
        if (isRange && isOperator)
        {
            sink.Error("port-match", port.Location, "a port match is either operator and port or lower-port and upper-port (an RFC 8519 choice), not both");
            port.Take("lower-port");
            port.Take("upper-port");
            port.Take("operator");
            port.Take("port");
        }
        else if (isRange)
        {
            result = Range(port);
        }
        else
        {
            result = Operator(port);
        }
        port.WarnUnread("a port match");
        return result;
    }

    private static PortMatch? Range(ObjectReader port)
    {
        var lower = Leaf.Integer(port.Mandatory("lower-port"), "lower-port", ushort.MaxValue, port.Sink);
        var upper = Leaf.Integer(port.Mandatory("upper-port"), "upper-port", ushort.MaxValue, port.Sink);
        if (lower is null || upper is null)
            return null;
        if (lower > upper)
        {
            port.Sink.Error("port-match", port.Location, $"lower-port {lower} is above upper-port {upper}");
            return null;
        }
        return PortMatch.Between(lower.Value, upper.Value, port.Location);
    }

    private static PortMatch? Operator(ObjectReader port)
    {
        var opNode = port.Take("operator");
        var opText = Leaf.String(opNode, "operator", port.Sink) ?? "eq";
        PortOperator? op = opText switch
        {
            "eq" => PortOperator.Eq,
            "neq" => PortOperator.Neq,
            "lte" => PortOperator.Lte,
            "gte" => PortOperator.Gte,
            _ => null,
        };
        if (op is null)
            port.Sink.Error("port-match", opNode!.Location, $"operator {Quoted.Of(opText)} is not an RFC 8519 port operator (eq, neq, lte, gte)");
        var number = Leaf.Integer(port.Mandatory("port"), "port", ushort.MaxValue, port.Sink);
        return op is null || number is null ? null : PortMatch.Single(op.Value, number.Value, port.Location);
    }
}
