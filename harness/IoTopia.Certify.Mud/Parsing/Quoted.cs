using System.Text;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Device-supplied text quoted into a message: clipped, with control characters written as escapes.</summary>
internal static class Quoted
{
    public const int Limit = 80;

    public static string Of(string value) => "'" + Escape(Clip(value)) + "'";

    public static string Clip(string value) =>
        value.Length <= Limit ? value : value[..(char.IsHighSurrogate(value[Limit - 1]) ? Limit - 1 : Limit)] + $"…({value.Length} chars)";

    private static string Escape(string value)
    {
        if (!value.Any(c => char.IsControl(c) || c is '\'' or '\u2028' or '\u2029'))
            return value;
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c == '\'')
                sb.Append("\\'");
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
                sb.Append($"\\u{(int)c:x4}");
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
