namespace IoTopia.Certify.Mud.Flows;

public enum FlowOutcome
{
    Allowed,
    Violation,
    RefusedInbound,
    Infrastructure,
}
