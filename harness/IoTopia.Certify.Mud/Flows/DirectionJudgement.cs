using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// How one direction of a flow fared against its policy: the deciding ACE (if any) and whether it allowed.
/// <see cref="Undecided"/>: an ACE the checker cannot fully evaluate would decide otherwise if it applied
/// (then <see cref="Allowed"/> is false and <see cref="DecidedBy"/> is what decides when it does not apply).
/// </summary>
public sealed record DirectionJudgement(Direction Direction, bool Allowed, AceRef? DecidedBy, string Reason)
{
    public bool Undecided { get; init; }

    /// <summary>The deciding ACE has an <c>eth</c> match: it names the frames it decides by ethertype or MAC.</summary>
    public bool DecidedByEthAce { get; init; }

    /// <summary>ACEs that matched on everything modelled but also on something unmodelled (<see cref="Undecided"/> or not).</summary>
    public IReadOnlyList<AceRef> Uncertain { get; init; } = [];

    /// <summary>Denied for certain (not <see cref="Undecided"/>).</summary>
    public bool Denied => !Allowed && !Undecided;
}
