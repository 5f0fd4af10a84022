using System.Buffers.Binary;
using System.Text;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Reads the A, AAAA and CNAME answers of a DNS response (RFC 1035) from a UDP payload into <see cref="NameBindings"/>.
/// Hostile input: compression pointers are followed at most 32 times, names are at most 255 octets,
/// anything malformed ends the reading of that message.
/// </summary>
public static class DnsAnswerReader
{
    public static void Read(ReadOnlySpan<byte> message, NameBindings bindings)
    {
        if (message.Length < 12 || (message[2] & 0x80) == 0 || (message[3] & 0x0F) != 0)
            return;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var at = 12;
        for (var i = 0; i < questions; i++)
        {
            if (ReadName(message, ref at) is null || at + 4 > message.Length)
                return;
            at += 4;
        }
        for (var i = 0; i < answers; i++)
        {
            var owner = ReadName(message, ref at);
            if (owner is null || at + 10 > message.Length)
                return;
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
            var data = at + 10;
            if (data + length > message.Length)
                return;
            switch (type)
            {
                case 1 when length == 4:
                    bindings.AddAddress(owner, Capture.IpAddr.V4(message[data..]));
                    break;
                case 28 when length == 16:
                    bindings.AddAddress(owner, Capture.IpAddr.V6(message[data..]));
                    break;
                case 5:
                    var target = data;
                    if (ReadName(message, ref target) is { } alias)
                        bindings.AddAlias(owner, alias);
                    break;
            }
            at = data + length;
        }
    }

    /// <summary>Reads a possibly compressed name at <paramref name="at"/> (advanced past it); lower case, no trailing dot; odd octets as <c>\ddd</c>.</summary>
    public static string? ReadName(ReadOnlySpan<byte> message, ref int at)
    {
        var name = new StringBuilder();
        var position = at;
        var jumped = false;
        var octets = 0;
        for (var jumps = 0; jumps < 32;)
        {
            if (position >= message.Length)
                return null;
            var length = message[position];
            if (length == 0)
            {
                if (!jumped)
                    at = position + 1;
                return name.ToString();
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                    return null;
                if (!jumped)
                    at = position + 2;
                jumped = true;
                jumps++;
                position = ((length & 0x3F) << 8) | message[position + 1];
                continue;
            }
            if ((length & 0xC0) != 0 || position + 1 + length > message.Length)
                return null;
            octets += length + 1;
            if (octets > 255)
                return null;
            if (name.Length > 0)
                name.Append('.');
            foreach (var b in message.Slice(position + 1, length))
            {
                if (b is >= (byte)'A' and <= (byte)'Z')
                    name.Append((char)(b + 32));
                else if (b is > 0x20 and < 0x7F and not (byte)'.' and not (byte)'\\')
                    name.Append((char)b);
                else
                    name.Append('\\').Append(b.ToString("d3", System.Globalization.CultureInfo.InvariantCulture));
            }
            position += 1 + length;
        }
        return null;
    }
}
