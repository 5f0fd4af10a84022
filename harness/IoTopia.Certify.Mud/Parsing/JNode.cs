using System.Text;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>A JSON value with where it was found; the path is built on demand from the parent chain.</summary>
internal abstract class JNode
{
    public JNode? Parent { get; set; }

    /// <summary>The member name under which this node sits in its parent object.</summary>
    public string? Key { get; set; }

    /// <summary>The index in the parent array, or -1.</summary>
    public int Index { get; set; } = -1;

    public int Line { get; init; }

    public int Column { get; init; }

    public abstract string KindName { get; }

    public SourceLocation Location => new(Line, Column, Path);

    public string Path
    {
        get
        {
            var parts = new List<string>();
            for (var node = this; node.Parent is not null; node = node.Parent)
                parts.Add(node.Key is { } key ? PathSegment(key) : $"[{node.Index}]");
            parts.Reverse();
            return "$" + string.Concat(parts);
        }
    }

    public string ChildPath(string key) => Path + PathSegment(key);

    private static string PathSegment(string key)
    {
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
            return "." + key;
        var sb = new StringBuilder("['");
        foreach (var c in Quoted.Clip(key))
            sb.Append(c switch { '\'' => "\\'", '\\' => "\\\\", _ => c.ToString() });
        return sb.Append("']").ToString();
    }
}
