namespace IoTopia.Certify.Mud.Parsing;

/// <summary>One member of a JSON object, with the position of its name.</summary>
internal sealed record JMember(string Name, JNode Value, int Line, int Column);
