namespace IoTopia.Certify.Mud.Flows;

/// <summary>Whether an ACE applies to one direction of a flow: yes, no, or unknown to this checker (it matches on something the checker does not model or the capture does not show).</summary>
internal enum AceMatch
{
    No,
    Yes,
    Unknown,
}
