using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>Reads a YAML file into a node tree that keeps line and column of every node, within <see cref="YamlBounds"/>.</summary>
public static class YamlFile
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static YamlMappingNode LoadMapping(string path)
    {
        using var reader = new StreamReader(OpenRegular(path));
        return Parse(path, reader);
    }

    /// <summary>The text of a YAML file as the loader reads it (a byte order mark decides the encoding, else UTF-8).</summary>
    public static string ReadText(string path)
    {
        using var reader = new StreamReader(OpenRegular(path));
        return reader.ReadToEnd();
    }

    /// <summary>Parses YAML text read from <paramref name="path"/>; node marks are offsets into that text.</summary>
    public static YamlMappingNode Parse(string path, TextReader reader)
    {
        var parser = new BoundedYamlParser(new Parser(reader), path);
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0)
                throw new InputException(new SourceLocation(path, 1, 1), "the file is empty");
            if (stream.Documents.Count > 1)
                throw new InputException(At(path, stream.Documents[1].RootNode), "only one YAML document per file");
            return stream.Documents[0].RootNode as YamlMappingNode
                   ?? throw new InputException(At(path, stream.Documents[0].RootNode), "expected a mapping at the top");
        }
        catch (ArgumentException e) when (e.ParamName == "parser")
        {
            // YamlDotNet's node builder met an event it cannot place (e.g. after "- : value", a key with no name).
            throw new InputException(parser.Location, parser.Current is MappingEnd
                ? "YAML syntax: this mapping ends where a value was expected; is a key missing its name (\"- : value\")?"
                : $"YAML syntax: {parser.Current.GetType().Name} cannot stand here");
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message;
            throw new InputException(new SourceLocation(path, e.Start.Line, e.Start.Column),
                $"YAML syntax: {e.Message}{(inner is null ? "" : $" ({inner})")}");
        }
    }

    /// <summary>A FIFO or a device named as a suite or rig would hang or exhaust the loader: only regular files are read.</summary>
    private static FileStream OpenRegular(string path)
    {
        if (!File.Exists(path))
            throw new InputException($"{path}: no such file");
        FileStream stream;
        try
        {
            stream = UntrustedFile.OpenRegular(path);
        }
        catch (UntrustedFileException e)
        {
            throw new InputException(e.Message);
        }
        if (stream.Length > MaxBytes)
        {
            var length = stream.Length;
            stream.Dispose();
            throw new InputException($"{path}: file is {length} bytes; the limit is {MaxBytes}");
        }
        return stream;
    }

    public static SourceLocation At(string file, YamlNode node) => new(file, node.Start.Line, node.Start.Column);
}
