using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>
/// Reads the members of one JSON object by name, remembering which were read so that the rest can be
/// reported: RFC 8520 says to ignore nodes one does not understand, and we say which ones were ignored.
/// </summary>
internal sealed class ObjectReader(JObject node, ProblemSink sink)
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public JObject Node { get; } = node;

    public ProblemSink Sink { get; } = sink;

    public SourceLocation Location => Node.Location;

    /// <summary>An object reader for a node that must be an object; reports and returns null otherwise.</summary>
    public static ObjectReader? For(JNode? node, string what, ProblemSink sink)
    {
        switch (node)
        {
            case null:
                return null;
            case JObject o:
                return new ObjectReader(o, sink);
            default:
                sink.Error("yang-type", node.Location, $"{what} must be a JSON object, not {node.KindName}");
                return null;
        }
    }

    public JNode? Take(string name)
    {
        read.Add(name);
        return Node.Get(name);
    }

    public bool Has(string name) => Node.Has(name);

    public JNode? Mandatory(string name)
    {
        var value = Take(name);
        if (value is null)
            Sink.Error("mandatory-leaf", Location, $"{name} is missing; it is mandatory here");
        return value;
    }

    public ObjectReader? Object(string name) => For(Take(name), name, Sink);

    public string? String(string name) => Leaf.String(Take(name), name, Sink);

    public int? Integer(string name, long max) => Leaf.Integer(Take(name), name, max, Sink);

    public bool Empty(string name) => Leaf.Empty(Take(name), name, Sink);

    public string? Uri(string name) => Leaf.Uri(Take(name), name, Sink);

    public string? Host(string name) => Leaf.Host(Take(name), name, Sink);

    /// <summary>Members nobody read; pass the names to leave alone.</summary>
    public IEnumerable<JMember> Unread(Func<string, bool>? except = null) =>
        Node.Members.Where(m => !read.Contains(m.Name) && (except is null || !except(m.Name)));

    /// <summary>Warns about every member nobody read.</summary>
    public void WarnUnread(string where, Func<string, bool>? except = null)
    {
        foreach (var m in Unread(except).DistinctBy(m => m.Name))
            Sink.Warning("unknown-member", m.Value.Location, $"{Quoted.Of(m.Name)} is not part of {where} as this validator knows it; it is ignored, as RFC 8520 asks");
    }
}
