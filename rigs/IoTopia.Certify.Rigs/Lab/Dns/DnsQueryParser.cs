using System.Buffers.Binary;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>
/// Reads a DNS query defensively: at most 512 bytes, a 12-byte header, QR clear, exactly one
/// question whose name is read with compression pointers that must point backwards into the
/// message, each before the last (so loops are impossible), and at most 16 of them, labels ≤ 63, name ≤ 255 bytes.
/// In the additional section an OPT record's EDNS Client Subnet option (RFC 7871) is read: a forwarder
/// (dnsmasq on the netns rig) names the client it asks for there. Anything else is an error with a
/// reason, never an exception.
/// </summary>
public static class DnsQueryParser
{
    public const int MaxMessage = 512;
    private const int HeaderLength = 12;
    private const int MaxPointers = 16;
    private const int MaxNameLength = 255;
    private const ushort TypeOpt = 41;
    private const ushort OptionClientSubnet = 8;

    public static bool TryParse(ReadOnlySpan<byte> msg, out DnsQuery? query, out string? error)
    {
        query = null;
        error = Check(msg);
        if (error is not null)
            return false;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
        var pos = HeaderLength;
        var labels = new List<byte[]>();
        error = ReadName(msg, ref pos, labels);
        if (error is not null)
            return false;
        if (pos + 4 > msg.Length)
        {
            error = "question truncated before its type and class";
            return false;
        }
        var questionEnd = pos + 4;
        error = ReadClientSubnet(msg, questionEnd, out var clientSubnet);
        if (error is not null)
            return false;
        query = new DnsQuery(
            BinaryPrimitives.ReadUInt16BigEndian(msg),
            (flags >> 11) & 0xF,
            (flags & 0x0100) != 0,
            labels,
            BinaryPrimitives.ReadUInt16BigEndian(msg[pos..]),
            BinaryPrimitives.ReadUInt16BigEndian(msg[(pos + 2)..]),
            questionEnd) { ClientSubnet = clientSubnet };
        return true;
    }

    /// <summary>The IPv4 /32 of an EDNS Client Subnet option in the additional section, if there is one.</summary>
    private static string? ReadClientSubnet(ReadOnlySpan<byte> msg, int pos, out System.Net.IPAddress? client)
    {
        client = null;
        var answers = BinaryPrimitives.ReadUInt16BigEndian(msg[6..]) + BinaryPrimitives.ReadUInt16BigEndian(msg[8..]);
        var additional = BinaryPrimitives.ReadUInt16BigEndian(msg[10..]);
        if (answers != 0 || additional == 0)
            return null; // a query carries no answers; records there are not ours to read
        for (var i = 0; i < additional; i++)
        {
            var ignored = new List<byte[]>();
            if (ReadName(msg, ref pos, ignored) is { } nameError)
                return $"additional record {i + 1}: {nameError}";
            if (pos + 10 > msg.Length)
                return $"additional record {i + 1} truncated";
            var type = BinaryPrimitives.ReadUInt16BigEndian(msg[pos..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(msg[(pos + 8)..]);
            pos += 10;
            if (pos + length > msg.Length)
                return $"additional record {i + 1}: data runs past the end of the message";
            if (type == TypeOpt && ReadOptions(msg.Slice(pos, length)) is { } found)
                client = found;
            pos += length;
        }
        return null;
    }

    private static System.Net.IPAddress? ReadOptions(ReadOnlySpan<byte> data)
    {
        while (data.Length >= 4)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(data);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            if (4 + length > data.Length)
                return null;
            var value = data.Slice(4, length);
            // family 1 (IPv4), source prefix 32: one client's full address
            if (code == OptionClientSubnet && value.Length == 8 && BinaryPrimitives.ReadUInt16BigEndian(value) == 1 && value[2] == 32)
                return new System.Net.IPAddress(value[4..8]);
            data = data[(4 + length)..];
        }
        return null;
    }

    private static string? Check(ReadOnlySpan<byte> msg)
    {
        if (msg.Length > MaxMessage)
            return $"{msg.Length} bytes: over the {MaxMessage}-byte UDP limit";
        if (msg.Length < HeaderLength)
            return $"{msg.Length} bytes: shorter than a DNS header";
        var flags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
        if ((flags & 0x8000) != 0)
            return "a response (QR set), not a query";
        var questions = BinaryPrimitives.ReadUInt16BigEndian(msg[4..]);
        return questions == 1 ? null : $"{questions} questions (exactly 1 expected)";
    }

    /// <summary>Reads the name at <paramref name="pos"/> into <paramref name="labels"/> and moves <paramref name="pos"/> past it.</summary>
    private static string? ReadName(ReadOnlySpan<byte> msg, ref int pos, List<byte[]> labels)
    {
        var cursor = pos;
        var segmentStart = pos;
        var jumped = false;
        var pointers = 0;
        var length = 1;
        while (true)
        {
            if (cursor >= msg.Length)
                return "name runs past the end of the message";
            var b = msg[cursor];
            if (b == 0)
            {
                if (!jumped)
                    pos = cursor + 1;
                return null;
            }
            switch (b & 0xC0)
            {
                case 0xC0:
                    if (cursor + 1 >= msg.Length)
                        return "compression pointer truncated";
                    var target = ((b & 0x3F) << 8) | msg[cursor + 1];
                    if (target < HeaderLength || target >= segmentStart)
                        return $"compression pointer at {cursor} to {target}: not strictly backwards (a loop or garbage)";
                    if (++pointers > MaxPointers)
                        return $"more than {MaxPointers} compression pointers";
                    if (!jumped)
                        pos = cursor + 2;
                    jumped = true;
                    cursor = segmentStart = target;
                    break;
                case 0x00:
                    if (cursor + 1 + b > msg.Length)
                        return "label runs past the end of the message";
                    length += b + 1;
                    if (length > MaxNameLength)
                        return $"name longer than {MaxNameLength} bytes";
                    labels.Add(msg.Slice(cursor + 1, b).ToArray());
                    cursor += 1 + b;
                    break;
                default:
                    return $"label type 0x{b & 0xC0:X2} at {cursor} (reserved)";
            }
        }
    }
}
