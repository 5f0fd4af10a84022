using IoTopia.Certify.Harness.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// A YAML mapping read key by key: every getter names file, line, column and key on error, and
/// <see cref="RejectUnknownKeys"/> turns every key nobody asked for into an error.
/// </summary>
public sealed class YamlMap
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(string file, YamlMappingNode node, string path = "")
    {
        File = file;
        Node = node;
        Path = path;
        foreach (var key in node.Children.Keys)
        {
            if (key is not YamlScalarNode)
                throw new InputException(YamlFile.At(file, key), $"{(path.Length == 0 ? "" : path + ": ")}keys must be plain names");
        }
    }

    public string File { get; }
    public YamlMappingNode Node { get; }
    public string Path { get; }

    public SourceLocation Location => YamlFile.At(File, Node);

    public IEnumerable<string> Keys => Node.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    public SourceLocation LocationOf(string key) =>
        Find(key) is { } pair ? YamlFile.At(File, pair.Key) : Location;

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        return Find(key)?.Value;
    }

    public bool Has(string key) => Find(key) is not null;

    /// <summary>True when the key is there with YAML's null (<c>null</c>, <c>~</c>), which a plain string read would take as the text "null".</summary>
    public bool IsNull(string key) =>
        Get(key) is YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "Null" or "NULL" or "~" };

    public string? String(string key)
    {
        var node = Get(key);
        if (node is null)
            return null;
        if (node is not YamlScalarNode scalar)
            throw Error(node, key, "expected a single value");
        return scalar.Value ?? "";
    }

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw new InputException(Location, $"{Name(key)}: required");

    /// <summary>
    /// The file the key names, relative to <paramref name="folder"/>; null when the key is absent or empty. A name
    /// no file can have (a NUL character) is an error at the key's line, not an exception of the path functions.
    /// </summary>
    public string? FilePath(string key, string folder)
    {
        if (String(key) is not { Length: > 0 } name)
            return null;
        if (name.Contains('\0'))
            throw Error(Get(key)!, key, "a file name cannot hold a NUL character");
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
    }

    public int? Int(string key)
    {
        var text = String(key);
        if (text is null)
            return null;
        return int.TryParse(text, out var n) ? n : throw Error(Get(key)!, key, $"expected a whole number, got '{text}'");
    }

    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
            return null;
        return Loading.Duration.TryParse(text, out var t) && t > TimeSpan.Zero
            ? t
            : throw Error(Get(key)!, key, $"expected {Loading.Duration.Expected}, longer than 0; got '{text}'");
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode s when string.IsNullOrEmpty(s.Value):
                return [];
            case YamlSequenceNode seq:
                return seq.Children.Select((c, i) => c is YamlScalarNode { Value: { } v }
                    ? v
                    : throw Error(c, $"{key}[{i}]", "expected a single value")).ToList();
            default:
                throw Error(node, key, "expected a list");
        }
    }

    public YamlMap? Map(string key)
    {
        var node = Get(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: null or "" } => null,
            YamlMappingNode m => new YamlMap(File, m, Name(key)),
            _ => throw Error(node, key, "expected a mapping (key: value)"),
        };
    }

    public YamlSequenceNode? Sequence(string key)
    {
        var node = Get(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: null or "" } => null,
            YamlSequenceNode s => s,
            _ => throw Error(node, key, "expected a list"),
        };
    }

    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
            return new Dictionary<string, string>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var k in map.Keys)
            result[k] = map.String(k) ?? "";
        return result;
    }

    public void RejectUnknownKeys(InputErrors errors)
    {
        foreach (var pair in Node.Children)
        {
            var key = ((YamlScalarNode)pair.Key).Value ?? "";
            if (!_read.Contains(key))
                errors.Add(new InputException(YamlFile.At(File, pair.Key), $"{Name(key)}: unknown key"));
        }
    }

    public InputException Error(YamlNode node, string key, string message) =>
        new(YamlFile.At(File, node), $"{Name(key)}: {message}");

    private string Name(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private KeyValuePair<YamlNode, YamlNode>? Find(string key) =>
        Index.TryGetValue(key, out var pair) ? pair : null;

    // Built once: a lookup per key stays constant-time however many keys a (hostile) mapping has.
    private Dictionary<string, KeyValuePair<YamlNode, YamlNode>> Index => _index ??= BuildIndex();

    private Dictionary<string, KeyValuePair<YamlNode, YamlNode>>? _index;

    private Dictionary<string, KeyValuePair<YamlNode, YamlNode>> BuildIndex()
    {
        var index = new Dictionary<string, KeyValuePair<YamlNode, YamlNode>>(StringComparer.Ordinal);
        foreach (var pair in Node.Children)
        {
            if (pair.Key is YamlScalarNode { Value: { } k })
                index.TryAdd(k, pair);
        }
        return index;
    }
}
