namespace IoTopia.Certify.Mud.Model;

/// <summary>RFC 8519 (ietf-packet-fields) port operators, plus <see cref="Range"/> for <c>lower-port</c>/<c>upper-port</c>.</summary>
public enum PortOperator
{
    Eq,
    Neq,
    Lte,
    Gte,
    Range,
}
