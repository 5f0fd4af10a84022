namespace IoTopia.Certify.Mud.Model;

/// <summary>An entry of <c>from-device-policy</c> or <c>to-device-policy</c>: the name of an ACL in <c>acls</c>.</summary>
public sealed record AclReference(string Name, SourceLocation Location);
