using System.Globalization;
using System.Text;
using System.Text.Json;
using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Diagnostics;

/// <summary>
/// CBOR diagnostic notation (RFC 8949 §8) of a decoded envelope, in the style of the draft's examples: embedded CBOR as
/// <c>&lt;&lt; … &gt;&gt;</c>, SUIT names as <c>/ comments /</c>. Text is JSON-escaped (no control character reaches a terminal);
/// byte strings past <see cref="MaxBytesShown"/> are cut and their length given.
/// </summary>
public static class SuitDiagnosticNotation
{
    public const int MaxBytesShown = 256;

    private const string Indent = "    ";

    public static string Print(SuitEnvelope envelope)
    {
        var root = CborTreeReader.Read(envelope.Encoded, 0, "envelope");
        var text = new StringBuilder();
        Write(text, root, DiagnosticContext.Envelope, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, CborValue value, DiagnosticContext context, int level)
    {
        switch (value.Kind)
        {
            case CborKind.Integer:
                text.Append(value.Integer.ToString(CultureInfo.InvariantCulture));
                break;
            case CborKind.ByteString:
                WriteBytes(text, value.Bytes);
                break;
            case CborKind.TextString:
                text.Append(JsonSerializer.Serialize(value.Text));
                break;
            case CborKind.Boolean:
                text.Append(value.Boolean ? "true" : "false");
                break;
            case CborKind.Null:
                text.Append("null");
                break;
            case CborKind.Undefined:
                text.Append("undefined");
                break;
            case CborKind.Simple:
                text.Append($"simple({value.SimpleValue})");
                break;
            case CborKind.Float:
                text.Append(value.Float.ToString("R", CultureInfo.InvariantCulture));
                break;
            case CborKind.Tag:
                text.Append(value.Tag.ToString(CultureInfo.InvariantCulture)).Append('(');
                var inner = value.Tag == 18 ? DiagnosticContext.CoseSign1 : context;
                Write(text, value.Content, inner, level);
                text.Append(')');
                break;
            case CborKind.Array:
                WriteArray(text, value, context, level);
                break;
            case CborKind.Map:
                WriteMap(text, value, context, level);
                break;
        }
    }

    private static void WriteArray(StringBuilder text, CborValue array, DiagnosticContext context, int level)
    {
        if (array.Items.Count == 0)
        {
            text.Append("[]");
            return;
        }
        text.Append('[');
        for (var i = 0; i < array.Items.Count; i++)
        {
            NewLine(text, level + 1);
            var item = array.Items[i];
            switch (context)
            {
                case DiagnosticContext.AuthenticationWrapper:
                    text.Append(i == 0 ? "/ digest: / " : "/ signature: / ");
                    WriteEmbedded(text, item, i == 0 ? DiagnosticContext.Digest : DiagnosticContext.Plain, level + 1);
                    break;
                case DiagnosticContext.Digest:
                    text.Append(i == 0 ? "/ algorithm-id / " : "/ digest-bytes / ");
                    Write(text, item, DiagnosticContext.Plain, level + 1);
                    if (i == 0 && item.IsInteger(SuitKeys.AlgorithmSha256))
                        text.Append(" / \"sha256\" /");
                    break;
                case DiagnosticContext.CoseSign1:
                    text.Append(i switch { 0 => "/ protected / ", 1 => "/ unprotected / ", 2 => "/ payload / ", _ => "/ signature / " });
                    if (i == 0)
                        WriteEmbedded(text, item, DiagnosticContext.Plain, level + 1);
                    else
                        Write(text, item, DiagnosticContext.Plain, level + 1);
                    break;
                case DiagnosticContext.Sequence when i % 2 == 0 && item.Kind == CborKind.Integer:
                    var code = (int)item.Integer;
                    text.Append($"/ {SuitKeys.CommandName(code)} / ");
                    Write(text, item, DiagnosticContext.Plain, level + 1);
                    text.Append(',');
                    WriteArgument(text, code, array.Items.ElementAtOrDefault(i + 1), level + 1);
                    i++;
                    break;
                default:
                    Write(text, item, DiagnosticContext.Plain, level + 1);
                    break;
            }
            if (i < array.Items.Count - 1)
                text.Append(',');
        }
        NewLine(text, level);
        text.Append(']');
    }

    private static void WriteArgument(StringBuilder text, int code, CborValue? argument, int level)
    {
        if (argument is null)
            return;
        switch (code)
        {
            case SuitKeys.DirectiveOverrideParameters:
                Write(text, argument, DiagnosticContext.Parameters, level);
                break;
            case SuitKeys.DirectiveRunSequence:
                WriteEmbedded(text, argument, DiagnosticContext.Sequence, level);
                break;
            case SuitKeys.DirectiveTryEach when argument.Kind == CborKind.Array:
                text.Append('[');
                foreach (var (sequence, n) in argument.Items.Select((s, n) => (s, n)))
                {
                    NewLine(text, level + 1);
                    WriteEmbedded(text, sequence, DiagnosticContext.Sequence, level + 1);
                    if (n < argument.Items.Count - 1)
                        text.Append(',');
                }
                NewLine(text, level);
                text.Append(']');
                break;
            default:
                Write(text, argument, DiagnosticContext.Plain, level);
                break;
        }
    }

    private static void WriteMap(StringBuilder text, CborValue map, DiagnosticContext context, int level)
    {
        if (map.Entries.Count == 0)
        {
            text.Append("{}");
            return;
        }
        text.Append('{');
        for (var i = 0; i < map.Entries.Count; i++)
        {
            var (key, value) = map.Entries[i];
            NewLine(text, level + 1);
            var number = key.Kind == CborKind.Integer && key.Integer >= int.MinValue && key.Integer <= int.MaxValue ? (int?)(int)key.Integer : null;
            var (name, inner, embedded) = Describe(context, number, value);
            if (name is not null)
                text.Append($"/ {name} / ");
            Write(text, key, DiagnosticContext.Plain, level + 1);
            text.Append(':');
            if (embedded)
                WriteEmbedded(text, value, inner, level + 1);
            else
                Write(text, value, inner, level + 1);
            if (name == "alg" && AlgorithmName(value) is { } algorithm)
                text.Append($" / \"{algorithm}\" /");
            if (i < map.Entries.Count - 1)
                text.Append(',');
        }
        NewLine(text, level);
        text.Append('}');
    }

    private static (string? Name, DiagnosticContext Inner, bool Embedded) Describe(DiagnosticContext context, int? key, CborValue value)
    {
        if (key is not { } k)
            return (null, context == DiagnosticContext.Text ? DiagnosticContext.TextComponent : DiagnosticContext.Plain, false);
        var wrapped = value.Kind == CborKind.ByteString;
        return context switch
        {
            DiagnosticContext.Envelope => k switch
            {
                SuitKeys.AuthenticationWrapper => ("authentication-wrapper", DiagnosticContext.AuthenticationWrapper, true),
                SuitKeys.Manifest => ("manifest", DiagnosticContext.Manifest, true),
                SuitKeys.Text => ("text", DiagnosticContext.Text, true),
                _ => (SuitKeys.EnvelopeElements.GetValueOrDefault(k), DiagnosticContext.Sequence, wrapped),
            },
            DiagnosticContext.Manifest => k switch
            {
                SuitKeys.Common => ("common", DiagnosticContext.Common, true),
                SuitKeys.Text => ("text", wrapped ? DiagnosticContext.Text : DiagnosticContext.Digest, wrapped),
                SuitKeys.Validate or SuitKeys.Load or SuitKeys.Invoke or SuitKeys.PayloadFetch or SuitKeys.Install =>
                    (SuitKeys.ManifestMembers[k], wrapped ? DiagnosticContext.Sequence : DiagnosticContext.Digest, wrapped),
                _ => (SuitKeys.ManifestMembers.GetValueOrDefault(k), DiagnosticContext.Plain, false),
            },
            DiagnosticContext.Common => k == SuitKeys.SharedSequence
                ? ("shared-sequence", DiagnosticContext.Sequence, true)
                : (SuitKeys.CommonMembers.GetValueOrDefault(k), DiagnosticContext.Plain, false),
            DiagnosticContext.Parameters => k == SuitKeys.ParameterImageDigest
                ? ("image-digest", DiagnosticContext.Digest, wrapped)
                : (SuitKeys.Parameters.GetValueOrDefault(k), DiagnosticContext.Plain, false),
            DiagnosticContext.Text => (SuitKeys.TextMembers.GetValueOrDefault(k), DiagnosticContext.Plain, false),
            DiagnosticContext.TextComponent => (SuitKeys.TextComponentMembers.GetValueOrDefault(k), DiagnosticContext.Plain, false),
            DiagnosticContext.Plain when k == 1 => ("alg", DiagnosticContext.Plain, false),
            _ => (null, DiagnosticContext.Plain, false),
        };
    }

    private static string? AlgorithmName(CborValue value) => value.Kind != CborKind.Integer ? null : (int)value.Integer switch
    {
        -7 => "ES256",
        -9 => "ESP256",
        -35 => "ES384",
        -36 => "ES512",
        _ => null,
    };

    /// <summary>A bstr holding CBOR, as &lt;&lt; item &gt;&gt;; as plain bytes when its content is not one CBOR item.</summary>
    private static void WriteEmbedded(StringBuilder text, CborValue value, DiagnosticContext context, int level)
    {
        if (value.Kind != CborKind.ByteString || level > SuitDraft.MaxDepth)
        {
            Write(text, value, context, level);
            return;
        }
        CborValue inner;
        try
        {
            inner = CborTreeReader.Read(value.Bytes, 0, "embedded", level);
        }
        catch (SuitFormatException)
        {
            WriteBytes(text, value.Bytes);
            return;
        }
        text.Append("<< ");
        Write(text, inner, context, level);
        text.Append(" >>");
    }

    private static void WriteBytes(StringBuilder text, byte[] bytes)
    {
        var shown = Math.Min(bytes.Length, MaxBytesShown);
        text.Append("h'").Append(Convert.ToHexStringLower(bytes, 0, shown)).Append('\'');
        if (shown < bytes.Length)
            text.Append($" / … {bytes.Length} bytes in all /");
    }

    private static void NewLine(StringBuilder text, int level)
    {
        text.Append('\n');
        for (var i = 0; i < level; i++)
            text.Append(Indent);
    }
}
