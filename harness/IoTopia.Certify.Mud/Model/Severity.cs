namespace IoTopia.Certify.Mud.Model;

public enum Severity
{
    Error,
    Warning,
}
