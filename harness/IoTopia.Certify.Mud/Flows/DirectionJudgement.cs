using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>How one direction of a flow fared against its policy: the deciding ACE (if any) and whether it allowed.</summary>
public sealed record DirectionJudgement(Direction Direction, bool Allowed, AceRef? DecidedBy, string Reason);
