namespace IoTopia.Certify.Mud.Parsing;

/// <summary>A JSON object. Duplicate names are kept in <see cref="Members"/>; lookups find the first.</summary>
internal sealed class JObject : JNode
{
    private readonly List<JMember> members = [];
    private readonly Dictionary<string, JMember> byName = new(StringComparer.Ordinal);

    public IReadOnlyList<JMember> Members => members;

    public override string KindName => "an object";

    /// <returns>the member this name already had, if any</returns>
    public JMember? Add(JMember member)
    {
        member.Value.Parent = this;
        member.Value.Key = member.Name;
        members.Add(member);
        return byName.TryAdd(member.Name, member) ? null : byName[member.Name];
    }

    public JNode? Get(string name) => byName.TryGetValue(name, out var m) ? m.Value : null;

    public bool Has(string name) => byName.ContainsKey(name);
}
