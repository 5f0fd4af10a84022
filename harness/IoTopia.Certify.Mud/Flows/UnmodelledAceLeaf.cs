using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>A match leaf the checker does not model, with the ACE it sits in.</summary>
public sealed record UnmodelledAceLeaf(AceRef Ace, UnmodelledLeaf Leaf);
