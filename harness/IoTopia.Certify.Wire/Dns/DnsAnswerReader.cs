using System.Buffers.Binary;
using System.Globalization;
using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Dns;

/// <summary>
/// Reads the A, AAAA and CNAME answers (class IN; mDNS's cache-flush bit ignored) of a DNS response
/// (RFC 1035) into an <see cref="IDnsAnswerSink"/>. Hostile input: every length is checked, name
/// compression may only point backwards and at most 16 times, names are at most 255 octets, only the
/// first <see cref="MaxRecords"/> records are read; what is malformed ends the reading and is returned
/// as the problem (the records before it were delivered). Never throws.
/// </summary>
public static class DnsAnswerReader
{
    public const int MaxRecords = 256;
    private const int MaxNameOctets = 255;
    private const int MaxJumps = 16;

    /// <summary>Reads <paramref name="message"/>; returns what was wrong with it, or null. Queries and error responses bind nothing.</summary>
    public static string? Read(ReadOnlySpan<byte> message, IDnsAnswerSink sink)
    {
        if (message.Length < 12)
            return "truncated header";
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if ((flags & 0x8000) == 0 || ((flags >> 11) & 0x0F) != 0 || (flags & 0x000F) != 0)
            return null; // a query, not a standard query's response, or an error: nothing to bind
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        string? problem = questions + answers > MaxRecords ? $"{questions} questions and {answers} answers; only the first {MaxRecords} records read" : null;
        var position = 12;
        var readQuestions = Math.Min(questions, MaxRecords);
        for (var i = 0; i < readQuestions; i++)
        {
            if (ReadName(message, ref position, out _) is { } bad)
                return $"question {i + 1}: {bad}";
            position += 4;
            if (position > message.Length)
                return $"question {i + 1}: truncated";
        }
        var readAnswers = Math.Min(answers, MaxRecords - readQuestions);
        for (var i = 0; i < readAnswers; i++)
        {
            if (ReadName(message, ref position, out var owner) is { } bad)
                return $"answer {i + 1}: {bad}";
            if (message.Length - position < 10)
                return $"answer {i + 1}: truncated";
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            var rclass = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]) & 0x7FFF;
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 8)..]);
            var data = position + 10;
            if (length > message.Length - data)
                return $"answer {i + 1}: data runs past the message";
            position = data + length;
            if (rclass != 1)
                continue;
            if (type == 1 && length == 4)
                sink.AddAddress(owner, IpAddr.V4(message[data..]));
            else if (type == 28 && length == 16)
                sink.AddAddress(owner, IpAddr.V6(message[data..]));
            else if (type == 5)
            {
                var at = data;
                if (ReadName(message, ref at, out var canonical) is { } badAlias)
                    return $"answer {i + 1}: CNAME {badAlias}";
                sink.AddAlias(owner, canonical);
            }
        }
        return problem;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="position"/>, moving past it; returns the problem, or null.
    /// Lower case, no trailing dot; bytes that are not printable ASCII, dots and backslashes inside labels as <c>\ddd</c>.
    /// </summary>
    public static string? ReadName(ReadOnlySpan<byte> message, ref int position, out string name)
    {
        name = "";
        Span<char> text = stackalloc char[MaxNameOctets * 4];
        var written = 0;
        var at = position;
        var end = -1;
        var octets = 0;
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
            switch (length & 0xC0)
            {
                case 0xC0:
                    if (at + 1 >= message.Length)
                        return "truncated name pointer";
                    var target = ((length & 0x3F) << 8) | message[at + 1];
                    if (target >= at || ++jumps > MaxJumps)
                        return "name pointer loops or points forward";
                    if (end < 0)
                        end = at + 2;
                    at = target;
                    continue;
                case 0x00:
                    if (at + 1 + length > message.Length)
                        return "truncated label";
                    octets += length + 1;
                    if (octets > MaxNameOctets)
                        return "name too long";
                    if (written > 0)
                        text[written++] = '.';
                    foreach (var b in message.Slice(at + 1, length))
                    {
                        if (b is >= (byte)'A' and <= (byte)'Z')
                            text[written++] = (char)(b + 32);
                        else if (b is > 0x20 and < 0x7F and not (byte)'.' and not (byte)'\\')
                            text[written++] = (char)b;
                        else
                        {
                            text[written++] = '\\';
                            b.TryFormat(text[written..], out var digits, "d3", CultureInfo.InvariantCulture);
                            written += digits;
                        }
                    }
                    at += 1 + length;
                    continue;
                default:
                    return $"unsupported label type 0x{length & 0xC0:x2}";
            }
        }
        position = end >= 0 ? end : at;
        name = new string(text[..written]);
        return null;
    }
}
