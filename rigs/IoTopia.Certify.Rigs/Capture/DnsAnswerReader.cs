using System.Buffers.Binary;
using System.Net;
using System.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Reads the A and AAAA answers of a DNS response (RFC 1035) into name → address bindings, following
/// CNAMEs so the name the DUT asked for is bound too. Hostile input: every length is checked, name
/// compression may only point backwards and at most 16 times, and only the first records are read.
/// </summary>
public static class DnsAnswerReader
{
    public const int MaxRecords = 64;
    private const int MaxNameLength = 255;
    private const int MaxJumps = 16;
    private const int MaxAliasChain = 8;

    public static DnsAnswers Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < 12)
            return new([], "truncated header");
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if ((flags & 0x8000) == 0 || ((flags >> 11) & 0x0f) != 0)
            return new([], null); // a query, or not a standard query's response: nothing to bind
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        string? problem = questions + answers > MaxRecords ? $"{questions} questions and {answers} answers; only the first {MaxRecords} records read" : null;
        var position = 12;
        for (var i = 0; i < Math.Min(questions, MaxRecords); i++)
        {
            if (ReadName(message, ref position, out _) is { } bad)
                return new([], $"question {i + 1}: {bad}");
            position += 4;
            if (position > message.Length)
                return new([], $"question {i + 1}: truncated");
        }

        var addresses = new List<DnsBinding>();
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(answers, MaxRecords - Math.Min(questions, MaxRecords)); i++)
        {
            if (ReadName(message, ref position, out var owner) is { } bad)
            {
                problem = $"answer {i + 1}: {bad}";
                break;
            }
            if (message.Length - position < 10)
            {
                problem = $"answer {i + 1}: truncated";
                break;
            }
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            var rclass = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]) & 0x7fff; // mDNS cache-flush bit
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 8)..]);
            var data = position + 10;
            if (length > message.Length - data)
            {
                problem = $"answer {i + 1}: data runs past the message";
                break;
            }
            position = data + length;
            if (rclass != 1)
                continue;
            if ((type == 1 && length == 4) || (type == 28 && length == 16))
            {
                addresses.Add(new DnsBinding(owner, new IPAddress(message.Slice(data, length))));
            }
            else if (type == 5)
            {
                var at = data;
                if (ReadName(message, ref at, out var canonical) is { } badAlias)
                {
                    problem = $"answer {i + 1}: CNAME {badAlias}";
                    break;
                }
                aliases.TryAdd(owner, canonical);
            }
        }
        return new(WithAliases(addresses, aliases), problem);
    }

    private static List<DnsBinding> WithAliases(List<DnsBinding> addresses, Dictionary<string, string> aliases)
    {
        var bindings = new List<DnsBinding>(addresses);
        foreach (var alias in aliases.Keys)
        {
            var name = alias;
            for (var step = 0; step < MaxAliasChain && aliases.TryGetValue(name, out var next); step++)
                name = next;
            bindings.AddRange(addresses.Where(a => a.Name == name).Select(a => a with { Name = alias }));
        }
        return bindings;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="position"/>, moving past it; returns the problem, or null.</summary>
    private static string? ReadName(ReadOnlySpan<byte> message, ref int position, out string name)
    {
        var text = new StringBuilder();
        name = "";
        var at = position;
        var end = -1;
        for (var jumps = 0; ;)
        {
            if (at >= message.Length)
                return "truncated name";
            var length = message[at];
            if (length == 0)
            {
                at++;
                break;
            }
            switch (length & 0xc0)
            {
                case 0xc0:
                    if (at + 1 >= message.Length)
                        return "truncated name pointer";
                    var target = ((length & 0x3f) << 8) | message[at + 1];
                    if (target >= at || ++jumps > MaxJumps)
                        return "name pointer loops or points forward";
                    if (end < 0)
                        end = at + 2;
                    at = target;
                    continue;
                case 0x00:
                    if (at + 1 + length > message.Length)
                        return "truncated label";
                    if (text.Length > 0)
                        text.Append('.');
                    AppendLabel(text, message.Slice(at + 1, length));
                    if (text.Length > MaxNameLength * 4)
                        return "name too long";
                    at += 1 + length;
                    continue;
                default:
                    return $"unsupported label type 0x{length & 0xc0:x2}";
            }
        }
        position = end >= 0 ? end : at;
        name = text.ToString();
        return null;
    }

    private static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')
                text.Append(c);
            else if (c is >= 'A' and <= 'Z')
                text.Append(char.ToLowerInvariant(c));
            else
                text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
