using System.Buffers.Binary;
using System.Net;
using IoTopia.Certify.Wire.Dhcp;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// Reads a BOOTP/DHCP message defensively: 240–1500 bytes, hlen ≤ 16, the magic cookie, and its options
/// as the wire library's <see cref="DhcpOptionReader"/> walks them (lengths inside the message, overload
/// into file/sname). Errors are reasons, never exceptions.
/// </summary>
public static class DhcpMessageParser
{
    public const int MinLength = 240;
    public const int MaxLength = 1500;

    public static bool TryParse(ReadOnlySpan<byte> msg, out DhcpMessage? message, out string? error)
    {
        message = null;
        error = CheckFixed(msg);
        if (error is not null)
            return false;
        var options = new List<DhcpOption>();
        var reader = DhcpOptionReader.V4(msg);
        while (reader.MoveNext())
            options.Add(new DhcpOption((byte)reader.Code, reader.Value.ToArray()));
        error = reader.Problem;
        if (error is not null)
            return false;
        int hlen = msg[2];
        message = new DhcpMessage
        {
            Op = msg[0],
            HardwareType = msg[1],
            Xid = BinaryPrimitives.ReadUInt32BigEndian(msg[4..]),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(msg[10..]),
            ClientAddress = new IPAddress(msg.Slice(12, 4)),
            RelayAddress = new IPAddress(msg.Slice(24, 4)),
            ChaddrField = msg.Slice(28, 16).ToArray(),
            HardwareAddress = msg.Slice(28, hlen).ToArray(),
            Options = options,
        };
        return true;
    }

    private static string? CheckFixed(ReadOnlySpan<byte> msg)
    {
        if (msg.Length < MinLength)
            return $"{msg.Length} bytes: shorter than the BOOTP header and magic cookie ({MinLength})";
        if (msg.Length > MaxLength)
            return $"{msg.Length} bytes: longer than {MaxLength}";
        if (msg[0] is not (1 or 2))
            return $"op {msg[0]} (1 or 2 expected)";
        if (msg[2] > 16)
            return $"hlen {msg[2]} (at most 16)";
        var cookie = BinaryPrimitives.ReadUInt32BigEndian(msg[236..]);
        return DhcpOptionReader.IsDhcpV4(msg) ? null : $"magic cookie 0x{cookie:X8} (0x{DhcpOptionReader.MagicCookie:X8} expected)";
    }
}
