using System.Globalization;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Typed YANG leaves in their RFC 7951 JSON encoding; a wrong encoding is a <c>yang-type</c> error and gives null.</summary>
internal static class Leaf
{
    public static string? String(JNode? node, string name, ProblemSink sink)
    {
        if (node is null)
            return null;
        if (node is JValue { Kind: JValueKind.String } v)
            return v.Text;
        sink.Error("yang-type", node.Location, $"{name} must be a string, not {node.KindName}");
        return null;
    }

    /// <summary>An unsigned integer (uint8/16/32), which RFC 7951 writes as a JSON number.</summary>
    public static int? Integer(JNode? node, string name, long max, ProblemSink sink)
    {
        if (node is null)
            return null;
        if (node is JValue { Kind: JValueKind.Number } v)
        {
            if (long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= max)
                return (int)n;
            sink.Error("yang-type", node.Location, $"{name} must be a whole number from 0 to {max}, not {Quoted.Of(v.Text)}");
            return null;
        }
        var hint = node is JValue { Kind: JValueKind.String } ? " (RFC 7951 writes integers up to 32 bits as JSON numbers, without quotes)" : "";
        sink.Error("yang-type", node.Location, $"{name} must be a number, not {node.KindName}{hint}");
        return null;
    }

    public static bool? Boolean(JNode? node, string name, ProblemSink sink)
    {
        switch (node)
        {
            case null:
                return null;
            case JValue { Kind: JValueKind.True }:
                return true;
            case JValue { Kind: JValueKind.False }:
                return false;
            default:
                sink.Error("yang-type", node.Location, $"{name} must be true or false, not {node.KindName}");
                return null;
        }
    }

    /// <summary>A YANG <c>empty</c> leaf: present or not. RFC 7951 writes it as <c>[null]</c>.</summary>
    public static bool Empty(JNode? node, string name, ProblemSink sink)
    {
        if (node is null)
            return false;
        if (node is not JArray { Items: [JValue { Kind: JValueKind.Null }] })
        {
            var seen = node is JArray { Items.Count: 0 } ? "[]" : node.KindName;
            sink.Error("yang-empty", node.Location, $"{name} is a YANG empty leaf: RFC 7951 writes it as [null], not {seen}");
        }
        return true;
    }

    public static string? Uri(JNode? node, string name, ProblemSink sink)
    {
        var text = String(node, name, sink);
        if (text is null || YangTypes.IsUri(text))
            return text;
        sink.Error("yang-type", node!.Location, $"{name} must be an absolute URI (inet:uri), not {Quoted.Of(text)}");
        return null;
    }

    public static string? Host(JNode? node, string name, ProblemSink sink)
    {
        var text = String(node, name, sink);
        if (text is null || YangTypes.IsHost(text))
            return text;
        sink.Error("yang-type", node!.Location, $"{name} must be a domain name or IP address (inet:host), not {Quoted.Of(text)}");
        return null;
    }

    /// <summary>An identityref: the identity's name without its module prefix (which must be <paramref name="module"/> when present).</summary>
    public static string? Identity(JNode? node, string name, string module, ProblemSink sink)
    {
        var text = String(node, name, sink);
        if (text is null)
            return null;
        var colon = text.IndexOf(':');
        return colon < 0 ? text : text[..colon] == module ? text[(colon + 1)..] : text;
    }

    public static IReadOnlyList<JNode> Array(JNode? node, string name, ProblemSink sink)
    {
        switch (node)
        {
            case null:
                return [];
            case JArray a:
                return a.Items;
            default:
                sink.Error("yang-type", node.Location, $"{name} must be a JSON array (a YANG list or leaf-list), not {node.KindName}");
                return [];
        }
    }

    public static SourceLocation At(JNode? node, SourceLocation fallback) => node?.Location ?? fallback;
}
