using System.Text;
using System.Text.Json;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>
/// Reads JSON with <see cref="Utf8JsonReader"/> into a tree that keeps every value's line and column
/// and reports duplicate member names, which a JsonDocument would silently resolve.
/// </summary>
internal sealed class JsonTreeReader
{
    private readonly byte[] text;
    private readonly ProblemSink sink;
    private readonly MudLimits limits;
    private readonly LineIndex lines;
    private readonly Stack<JNode> open = new();
    private JNode? root;
    private JMember? pendingName;
    private int nodes;

    private JsonTreeReader(byte[] text, ProblemSink sink, MudLimits limits)
    {
        this.text = text;
        this.sink = sink;
        this.limits = limits;
        lines = new LineIndex(text);
    }

    /// <summary>The tree, or null when the bytes are not one well-formed JSON value within the limits (reported).</summary>
    public static JNode? Read(byte[] text, ProblemSink sink, MudLimits limits)
    {
        if (text.AsSpan().StartsWith("\uFEFF"u8))
            text = text[3..];
        return new JsonTreeReader(text, sink, limits).Read();
    }

    private JNode? Read()
    {
        // One level more than ours, so that our own depth check (with a better message) fires first.
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = limits.MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (!Accept(ref reader))
                    return null;
            }
        }
        catch (JsonException e)
        {
            var (line, column) = lines.Locate(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            sink.Error("json-syntax", new SourceLocation(line, column, CurrentPath()), "not well-formed JSON: " + ReaderMessage(e.Message));
            return null;
        }
        catch (InvalidOperationException e)
        {
            var (line, column) = lines.Locate(reader.TokenStartIndex);
            sink.Error("json-syntax", new SourceLocation(line, column, CurrentPath()), "not well-formed JSON: " + e.Message);
            return null;
        }
        if (root is null)
            sink.Error("json-syntax", new SourceLocation(1, 1, "$"), "not well-formed JSON: the file holds no JSON value");
        return root;
    }

    private bool Accept(ref Utf8JsonReader reader)
    {
        var (line, column) = lines.Locate(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                pendingName = new JMember(reader.GetString()!, null!, line, column);
                return true;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                open.Pop();
                return true;
            case JsonTokenType.StartObject:
                return Open(new JObject { Line = line, Column = column });
            case JsonTokenType.StartArray:
                return Open(new JArray { Line = line, Column = column });
            case JsonTokenType.String:
                return Attach(new JValue(JValueKind.String, reader.GetString()!) { Line = line, Column = column });
            case JsonTokenType.Number:
                return Attach(new JValue(JValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan)) { Line = line, Column = column });
            case JsonTokenType.True:
                return Attach(new JValue(JValueKind.True, "true") { Line = line, Column = column });
            case JsonTokenType.False:
                return Attach(new JValue(JValueKind.False, "false") { Line = line, Column = column });
            case JsonTokenType.Null:
                return Attach(new JValue(JValueKind.Null, "null") { Line = line, Column = column });
            default:
                return true;
        }
    }

    private bool Open(JNode node)
    {
        if (open.Count >= limits.MaxDepth)
        {
            sink.Error("json-limits", new SourceLocation(node.Line, node.Column, CurrentPath()),
                $"nested deeper than {limits.MaxDepth} levels; a MUD file needs about ten");
            return false;
        }
        if (!Attach(node))
            return false;
        open.Push(node);
        return true;
    }

    private bool Attach(JNode node)
    {
        if (++nodes > limits.MaxNodes)
        {
            sink.Error("json-limits", new SourceLocation(node.Line, node.Column, CurrentPath()), $"more than {limits.MaxNodes} JSON values");
            return false;
        }
        if (open.Count == 0)
        {
            root = node;
            return true;
        }
        switch (open.Peek())
        {
            case JObject parent:
                var member = pendingName! with { Value = node };
                pendingName = null;
                if (parent.Add(member) is { } first)
                {
                    sink.Error("duplicate-key", new SourceLocation(member.Line, member.Column, node.Path),
                        $"member {Quoted.Of(member.Name)} appears twice in one object (first on line {first.Line}); parsers disagree on which one counts, so this file means different things to different MUD managers");
                }
                break;
            case JArray array:
                array.Add(node);
                break;
        }
        return true;
    }

    private string CurrentPath()
    {
        if (open.Count == 0)
            return "$";
        var top = open.Peek();
        return pendingName is { } name && top is JObject ? top.ChildPath(name.Name) : top.Path;
    }

    private static string ReaderMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
