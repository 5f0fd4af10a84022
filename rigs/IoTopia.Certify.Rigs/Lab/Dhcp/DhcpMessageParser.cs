using System.Buffers.Binary;
using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// Reads a BOOTP/DHCP message defensively: 240–1500 bytes, hlen ≤ 16, the magic cookie, options whose
/// lengths stay inside the message, option overload (52) into file/sname. Errors are reasons, never exceptions.
/// </summary>
public static class DhcpMessageParser
{
    public const int MinLength = 240;
    public const int MaxLength = 1500;
    public const uint MagicCookie = 0x63825363;
    private const int SnameOffset = 44;
    private const int FileOffset = 108;
    private const int OptionsOffset = 240;

    public static bool TryParse(ReadOnlySpan<byte> msg, out DhcpMessage? message, out string? error)
    {
        message = null;
        error = CheckFixed(msg);
        if (error is not null)
            return false;
        var options = new List<DhcpOption>();
        error = ReadOptions(msg[OptionsOffset..], "options", options, requireEnd: false);
        if (error is not null)
            return false;
        var overload = Overload(options);
        if ((overload & 1) != 0)
            error = ReadOptions(msg[FileOffset..(FileOffset + 128)], "file (overloaded)", options, requireEnd: false);
        if (error is null && (overload & 2) != 0)
            error = ReadOptions(msg[SnameOffset..(SnameOffset + 64)], "sname (overloaded)", options, requireEnd: false);
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
        return cookie == MagicCookie ? null : $"magic cookie 0x{cookie:X8} (0x{MagicCookie:X8} expected)";
    }

    private static string? ReadOptions(ReadOnlySpan<byte> area, string where, List<DhcpOption> options, bool requireEnd)
    {
        var pos = 0;
        while (pos < area.Length)
        {
            var code = area[pos];
            if (code == 0)
            {
                pos++;
                continue;
            }
            if (code == 255)
                return null;
            if (pos + 1 >= area.Length)
                return $"{where}: option {code} at {pos} has no length byte";
            var length = area[pos + 1];
            if (pos + 2 + length > area.Length)
                return $"{where}: option {code} at {pos} is {length} bytes long, past the end";
            options.Add(new DhcpOption(code, area.Slice(pos + 2, length).ToArray()));
            pos += 2 + length;
        }
        return requireEnd ? $"{where}: no end option" : null;
    }

    private static int Overload(List<DhcpOption> options) =>
        options.FirstOrDefault(o => o.Code == DhcpMessageTypes.OptionOverload) is { Value: [var v] } ? v & 3 : 0;
}
