namespace IoTopia.Certify.Mud.Model;

/// <summary>Where a value sits in the MUD file: 1-based line and column, and its JSON path (e.g. <c>$.ietf-mud:mud.mud-url</c>).</summary>
public sealed record SourceLocation(int Line, int Column, string Path)
{
    public static SourceLocation None { get; } = new(0, 0, "$");

    public override string ToString() => $"{Line}:{Column} {Path}";
}
