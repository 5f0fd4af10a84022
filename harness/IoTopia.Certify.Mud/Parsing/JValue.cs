namespace IoTopia.Certify.Mud.Parsing;

/// <summary>A JSON scalar. <see cref="Text"/> is the decoded string, or a number's literal text.</summary>
internal sealed class JValue(JValueKind kind, string text) : JNode
{
    public JValueKind Kind { get; } = kind;

    public string Text { get; } = text;

    public override string KindName => Kind switch
    {
        JValueKind.String => "a string",
        JValueKind.Number => "a number",
        JValueKind.Null => "null",
        _ => "a boolean",
    };
}
