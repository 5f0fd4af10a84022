using IoTopia.Certify.Suit.Cbor;
using IoTopia.Certify.Suit.Model;

namespace IoTopia.Certify.Suit.Decoding;

/// <summary>Command sequences: every command and parameter must be one the pinned draft defines (or a custom negative one).</summary>
internal static class SuitCommandDecoder
{
    public static SuitCommandSequence DecodeWrapped(CborValue wrapped, string path, int depth)
    {
        var list = Expect.Embedded(wrapped, path, "a command sequence", depth);
        Expect.Kind(list, CborKind.Array, path, "a command sequence");
        if (list.Items.Count == 0 || list.Items.Count % 2 != 0)
            throw new SuitFormatException(path, list.Offset, $"a command sequence is pairs of command and argument; it has {list.Items.Count} items");
        var commands = new List<SuitCommand>();
        for (var i = 0; i < list.Items.Count; i += 2)
            commands.Add(DecodeCommand(list.Items[i], list.Items[i + 1], $"{path}[{i}]", depth + 1));
        return new SuitCommandSequence(commands, wrapped);
    }

    private static SuitCommand DecodeCommand(CborValue codeItem, CborValue argument, string path, int depth)
    {
        var code = Expect.SmallInteger(codeItem, path, "a command");
        var name = SuitKeys.CommandName(code);
        path = $"{path} {name}";
        if (code < 0 || SuitKeys.ReportingCommands.ContainsKey(code))
        {
            Expect.Unsigned(argument, path, "its reporting policy");
            return new SuitCommand(code, name, argument, []);
        }
        switch (code)
        {
            case SuitKeys.DirectiveOverrideParameters:
                CheckParameters(argument, path, depth);
                return new SuitCommand(code, name, argument, []);
            case SuitKeys.DirectiveSetComponentIndex:
                CheckComponentIndex(argument, path);
                return new SuitCommand(code, name, argument, []);
            case SuitKeys.DirectiveRunSequence:
                return new SuitCommand(code, name, argument, [DecodeWrapped(argument, path, depth)]);
            case SuitKeys.DirectiveTryEach:
                Expect.Kind(argument, CborKind.Array, path, "its argument");
                if (argument.Items.Count < 2)
                    throw new SuitFormatException(path, argument.Offset, "try-each needs at least two sequences");
                var nested = argument.Items.Select((s, i) => i == argument.Items.Count - 1 && s.Kind == CborKind.Null
                    ? null
                    : DecodeWrapped(s, $"{path}[{i}]", depth)).ToList();
                return new SuitCommand(code, name, argument, nested);
            default:
                var known = SuitKeys.CompanionCommands.TryGetValue(code, out var elsewhere) ? $" ({elsewhere}, not part of {SuitDraft.Name})" : "";
                throw new SuitFormatException(path, codeItem.Offset, $"unknown command {code}{known}: refused (fail closed)");
        }
    }

    private static void CheckParameters(CborValue map, string path, int depth)
    {
        foreach (var (key, keyItem, value) in Expect.IntegerKeyed(map, path, "the parameters"))
        {
            var where = $"{path}{{{key}}}";
            if (key < 0)
                continue;
            if (!SuitKeys.Parameters.TryGetValue(key, out var name))
                throw new SuitFormatException(where, keyItem.Offset, $"unknown parameter {key}: refused (fail closed)");
            switch (key)
            {
                case SuitKeys.ParameterVendorIdentifier or SuitKeys.ParameterClassIdentifier or 18 or 23 or 24 or 25:
                    Expect.Kind(value, CborKind.ByteString, where, name);
                    break;
                case SuitKeys.ParameterImageDigest:
                    SuitDigestDecoder.Decode(Expect.Embedded(value, where, name, depth), where);
                    break;
                case SuitKeys.ParameterUri:
                    Expect.Kind(value, CborKind.TextString, where, name);
                    break;
                case SuitKeys.ParameterImageSize or 5 or 22:
                    Expect.Unsigned(value, where, name);
                    break;
                case 12 or 13:
                    Expect.Kind(value, CborKind.Boolean, where, name);
                    break;
            }
        }
    }

    private static void CheckComponentIndex(CborValue argument, string path)
    {
        if (argument.Kind == CborKind.Boolean && argument.Boolean)
            return;
        if (argument.Kind == CborKind.Array)
        {
            foreach (var item in argument.Items)
                Expect.Unsigned(item, path, "a component index");
            return;
        }
        Expect.Unsigned(argument, path, "the component index");
    }
}
