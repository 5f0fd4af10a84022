namespace IoTopia.Certify.Mud.Parsing;

/// <summary>
/// Match leaves the model does not carry. They narrow an ACE, so ignoring them silently would make the
/// ACE look wider than it is: each is reported and its path kept on <see cref="Model.AceMatches.Unmodelled"/>.
/// </summary>
internal sealed class UnmodelledMatches(ProblemSink sink)
{
    private readonly List<string> paths = [];

    public IReadOnlyList<string> Paths => paths;

    /// <param name="known">RFC 8519 leaves of this container that the model leaves out</param>
    public void Collect(ObjectReader container, string where, IReadOnlySet<string> known)
    {
        foreach (var m in container.Unread())
        {
            paths.Add(m.Value.Path);
            if (known.Contains(m.Name))
                sink.Warning("unsupported-match", m.Value.Location, $"{Quoted.Of(m.Name)} in {where} is valid RFC 8519 but not modelled here: flows are not matched on it");
            else
                sink.Warning("unknown-member", m.Value.Location, $"{Quoted.Of(m.Name)} is not part of {where} as this validator knows it; it is ignored, as RFC 8520 asks, and flows are not matched on it");
        }
    }
}
