namespace IoTopia.Certify.Mud.Flows;

/// <summary>The verdict of <c>certify mud check</c>; exit codes 0, 1, 4 and 3 (bad input: the capture could not be read to its end).</summary>
public enum CheckVerdict
{
    Compliant,
    Violations,
    Inconclusive,
    BadCapture,
}
