using System.Text;

namespace IoTopia.Certify.Fuzz.Mutation;

/// <summary>Inserts a token of the format (a bracket, an anchor, a key the loaders know) at a boundary: after a newline, comma, colon or bracket.</summary>
public sealed record InsertToken(uint At, string Token) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var at = Boundaries.Pick(input, At, Boundaries.Kind.Any);
        return [.. input.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Token), .. input.AsSpan(at)];
    }

    public override string ToString() => $"InsertToken {{ At = {At}, Token = {Preview.Of(Token)} }}";
}

/// <summary>Replaces the value after the At-th key (or list item) with another: deeply nested, an alias chain, a huge number, a long string.</summary>
public sealed record ReplaceValue(uint At, string Value, Dialect Dialect) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var start = Boundaries.Pick(input, At, Dialect == Dialect.Yaml ? Boundaries.Kind.YamlValue : Boundaries.Kind.JsonValue);
        var end = Boundaries.ValueEnd(input, start, Dialect);
        return [.. input.AsSpan(0, start), .. Encoding.UTF8.GetBytes(Value), .. input.AsSpan(end)];
    }

    public override string ToString() => $"ReplaceValue {{ At = {At}, Value = {Preview.Of(Value)} }}";
}

internal static class Preview
{
    public static string Of(string text) => text.Length <= 80 ? $"'{text}'" : $"'{text[..60]}…' ({text.Length} chars)";
}

/// <summary>Where in a text structure-aware mutations apply.</summary>
internal static class Boundaries
{
    public enum Kind
    {
        Any,
        YamlValue,
        JsonValue,
    }

    private static bool Accepts(Kind kind, byte[] s, int i) => kind switch
    {
        Kind.YamlValue => YamlValue(s, i),
        Kind.JsonValue => JsonValue(s, i),
        _ => Any(s, i),
    };

    private static bool Any(byte[] s, int i) => i == 0 || s[i - 1] is (byte)'\n' or (byte)',' or (byte)':' or (byte)'[' or (byte)'{' or (byte)' ';

    private static bool YamlValue(byte[] s, int i) => i >= 2 && s[i - 1] == ' ' && s[i - 2] is (byte)':' or (byte)'-';

    private static bool JsonValue(byte[] s, int i) => i >= 1 && s[i - 1] is (byte)':' or (byte)'[' or (byte)',';

    /// <summary>The (At mod count)-th position the predicate accepts, or At mod length when none does.</summary>
    public static int Pick(byte[] input, uint at, Kind kind)
    {
        var count = 0;
        for (var i = 0; i <= input.Length; i++)
        {
            if (Accepts(kind, input, i))
                count++;
        }
        if (count == 0)
            return input.Length == 0 ? 0 : (int)(at % (uint)(input.Length + 1));
        var wanted = (int)(at % (uint)count);
        for (var i = 0; i <= input.Length; i++)
        {
            if (Accepts(kind, input, i) && wanted-- == 0)
                return i;
        }
        return input.Length;
    }

    /// <summary>The end of the value starting at <paramref name="start"/>: the line's end in YAML; the string, or the next delimiter, in JSON.</summary>
    public static int ValueEnd(byte[] s, int start, Dialect dialect)
    {
        var i = start;
        if (dialect == Dialect.Json && i < s.Length && s[i] == '"')
        {
            for (i++; i < s.Length && s[i] != '"'; i++)
            {
                if (s[i] == '\\')
                    i++;
            }
            return Math.Min(i + 1, s.Length);
        }
        while (i < s.Length && s[i] != '\n' && !(dialect == Dialect.Json && s[i] is (byte)',' or (byte)'}' or (byte)']'))
            i++;
        return i;
    }
}
