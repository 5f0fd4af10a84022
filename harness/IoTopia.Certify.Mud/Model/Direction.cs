namespace IoTopia.Certify.Mud.Model;

/// <summary>RFC 8520's <c>direction</c>: which way a policy (or a TCP connection's start) goes, seen from the Thing.</summary>
public enum Direction
{
    FromDevice,
    ToDevice,
}
