using IoTopia.Certify.Harness.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// Passes a YAML parser's events on while enforcing <see cref="YamlBounds"/>: nesting depth, and the
/// number of nodes the document stands for once every alias is expanded. The parser itself does not
/// recurse, so a file past a bound is rejected at the line where it crosses it, before the node tree grows.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner, string file) : IParser
{
    private readonly Dictionary<string, long> _expandedSize = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long NodesBefore, Mark Start)> _open = new();
    private long _nodes;
    private Mark _last = Mark.Empty;
    private Mark _closedStart = Mark.Empty;

    public ParsingEvent Current => inner.Current!;

    /// <summary>
    /// Where the current event is, for errors found by whoever consumes the events: for the end of a mapping or
    /// list, where that collection starts.
    /// </summary>
    public SourceLocation Location => inner.Current switch
    {
        MappingEnd or SequenceEnd => new(file, _closedStart.Line, _closedStart.Column),
        { } e => new(file, e.Start.Line, e.Start.Column),
        null => new(file, _last.Line, _last.Column),
    };

    public bool MoveNext()
    {
        if (!Advance())
            return false;
        _last = inner.Current!.End;
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                var start = (NodeEvent)inner.Current;
                if (_open.Count >= YamlBounds.MaxDepth)
                    throw Reject(start, $"nested deeper than {YamlBounds.MaxDepth} levels (mappings and lists)");
                Count(start, 1);
                _open.Push((Anchor(start), _nodes - 1, start.Start));
                break;
            case MappingEnd or SequenceEnd:
                if (_open.TryPop(out var closed))
                {
                    _closedStart = closed.Start;
                    if (closed.Anchor is { } name)
                        _expandedSize[name] = _nodes - closed.NodesBefore;
                }
                break;
            case Scalar scalar:
                Count(scalar, 1);
                if (Anchor(scalar) is { } anchor)
                    _expandedSize[anchor] = 1;
                break;
            case AnchorAlias alias:
                // An alias to an anchor still open (a cycle) or unknown is YamlDotNet's to report.
                Count(alias, _expandedSize.GetValueOrDefault(alias.Value.Value, 1));
                break;
        }
        return true;
    }

    private bool Advance()
    {
        try
        {
            return inner.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner gives up this way on some malformed flow collections (e.g. "- { p: [x]" with
            // the mapping never closed): a syntax error, located after the last event it did read.
            throw new InputException(new SourceLocation(file, _last.Line, _last.Column),
                $"YAML syntax: cannot be read on from here; is a {{ or [ left open? ({e.Message})");
        }
        catch (ArgumentException e)
        {
            // And this way on a tag it cannot take (e.g. "!<a b>": "Global tags must be valid URIs").
            throw new InputException(new SourceLocation(file, _last.Line, _last.Column),
                $"YAML syntax: cannot be read on from here ({e.Message})");
        }
    }

    private void Count(ParsingEvent at, long nodes)
    {
        _nodes += nodes;
        if (_nodes > YamlBounds.MaxNodes)
        {
            throw Reject(at, at is AnchorAlias
                ? $"more than {YamlBounds.MaxNodes} nodes once aliases are expanded (each alias counts as the nodes it stands for)"
                : $"more than {YamlBounds.MaxNodes} nodes");
        }
    }

    private static string? Anchor(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

    private InputException Reject(ParsingEvent at, string problem) =>
        new(new SourceLocation(file, at.Start.Line, at.Start.Column), problem);
}
