namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// A match leaf of an ACE that the flow check does not model: <see cref="Leaf"/> names it under <c>matches</c>
/// (e.g. <c>ipv4.ttl</c>, <c>tcp.flags</c>); <see cref="Known"/> is true for a valid RFC 8519 leaf the checker leaves
/// out, false for a member it does not know at all (an unregistered augmentation, a typo).
/// </summary>
public sealed record UnmodelledLeaf(string Leaf, bool Known, SourceLocation Location)
{
    public override string ToString() => Leaf;
}
