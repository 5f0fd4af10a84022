namespace IoTopia.Certify.Mud.Model;

/// <summary>RFC 8519 forwarding actions. <see cref="Unknown"/> when the file names something else (already reported as an error).</summary>
public enum ForwardingAction
{
    Accept,
    Drop,
    Reject,
    Unknown,
}
