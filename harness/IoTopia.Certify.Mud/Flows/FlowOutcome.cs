namespace IoTopia.Certify.Mud.Flows;

public enum FlowOutcome
{
    Allowed,
    Violation,
    RefusedInbound,
    Infrastructure,

    /// <summary>Whether the MUD file allows it depends on a match leaf the checker does not model (or a MAC the capture lacks).</summary>
    Inconclusive,
}
