using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>
/// Match leaves the model does not carry. They narrow an ACE, so ignoring them silently would make the
/// ACE look wider than it is: each is reported and kept on <see cref="Model.AceMatches.Unmodelled"/>.
/// </summary>
internal sealed class UnmodelledMatches(ProblemSink sink)
{
    private readonly List<UnmodelledLeaf> leaves = [];

    public IReadOnlyList<UnmodelledLeaf> Leaves => leaves;

    /// <param name="where">the container's name under <c>matches</c> (<c>matches</c> itself for its own members)</param>
    /// <param name="known">RFC 8519 leaves of this container that the model leaves out</param>
    public void Collect(ObjectReader container, string where, IReadOnlySet<string> known)
    {
        foreach (var m in container.Unread())
        {
            var isKnown = known.Contains(m.Name);
            leaves.Add(new UnmodelledLeaf(where == "matches" ? m.Name : $"{where}.{m.Name}", isKnown, m.Value.Location));
            if (isKnown)
                sink.Warning("unsupported-match", m.Value.Location, $"{Quoted.Of(m.Name)} in {where} is valid RFC 8519 but not modelled here: flows are not matched on it");
            else
                sink.Warning("unknown-member", m.Value.Location, $"{Quoted.Of(m.Name)} is not part of {where} as this validator knows it; it is ignored, as RFC 8520 asks, and flows are not matched on it");
        }
    }
}
