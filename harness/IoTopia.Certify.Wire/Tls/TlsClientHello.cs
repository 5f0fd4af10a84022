using System.Buffers.Binary;
using System.Text;

namespace IoTopia.Certify.Wire.Tls;

/// <summary>The server_name of a TLS ClientHello, when a TCP segment starts with one (no reassembly across segments).</summary>
public static class TlsClientHello
{
    public static string? ServerName(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 43 || payload[0] != 0x16 || payload[1] != 0x03 || payload[5] != 0x01)
            return null;
        var at = 9 + 2 + 32;
        if (at >= payload.Length)
            return null;
        at += 1 + payload[at];
        if (at + 2 > payload.Length)
            return null;
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
        if (at + 1 > payload.Length)
            return null;
        at += 1 + payload[at];
        if (at + 2 > payload.Length)
            return null;
        var end = Math.Min(payload.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(payload[at..]));
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 2)..]);
            at += 4;
            if (at + length > end)
                return null;
            if (type == 0 && length >= 5 && payload[at + 2] == 0)
            {
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 3)..]);
                if (nameLength == 0 || nameLength > 255 || at + 5 + nameLength > at + length)
                    return null;
                var name = new StringBuilder();
                foreach (var b in payload.Slice(at + 5, nameLength))
                    name.Append(b is > 0x20 and < 0x7F ? char.ToLowerInvariant((char)b) : '?');
                return name.ToString().TrimEnd('.');
            }
            at += length;
        }
        return null;
    }
}
