using System.Buffers.Binary;

namespace IoTopia.Certify.Wire.Dhcp;

/// <summary>
/// The one walker of DHCP options. DHCPv4 (RFC 2131/2132): a BOOTP message of at least 240 bytes with the
/// magic cookie; pad and end; option overload (52) continues into <c>file</c> then <c>sname</c>.
/// DHCPv6 (RFC 8415): 16-bit codes and lengths after the 4-byte header of a client/server message.
/// Options come one at a time as spans of the message (no allocation); an option whose length runs past
/// its area ends the walk with <see cref="Problem"/> set. Repeated codes come separately (RFC 3396 joins
/// them: the caller concatenates). Never throws.
/// </summary>
public ref struct DhcpOptionReader
{
    public const int BootpHeaderLength = 236;
    public const int V4OptionsOffset = 240;
    public const int OptionPad = 0;
    public const int OptionOverload = 52;
    public const int OptionEnd = 255;
    private const uint MagicCookieValue = 0x63825363;
    private const int SnameOffset = 44;
    private const int SnameLength = 64;
    private const int FileOffset = 108;
    private const int FileLength = 128;

    private readonly ReadOnlySpan<byte> _message;
    private readonly bool _v6;
    private ReadOnlySpan<byte> _area;
    private int _areaIndex;
    private int _position;
    private int _overload;

    private DhcpOptionReader(ReadOnlySpan<byte> message, bool v6, ReadOnlySpan<byte> area)
    {
        _message = message;
        _v6 = v6;
        _area = area;
    }

    /// <summary>The magic cookie that marks a BOOTP message as DHCP.</summary>
    public static uint MagicCookie => MagicCookieValue;

    /// <summary>The current option's code.</summary>
    public int Code { get; private set; }

    /// <summary>The current option's value, a slice of the message.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Where the walk stopped early (an option running past its area), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>True when <paramref name="bootp"/> is long enough and carries the magic cookie: a DHCPv4 message whose options can be walked.</summary>
    public static bool IsDhcpV4(ReadOnlySpan<byte> bootp) =>
        bootp.Length >= V4OptionsOffset && BinaryPrimitives.ReadUInt32BigEndian(bootp[BootpHeaderLength..]) == MagicCookieValue;

    /// <summary>Writes the magic cookie at its place in a BOOTP message being built.</summary>
    public static void WriteMagicCookie(Span<byte> bootp) => BinaryPrimitives.WriteUInt32BigEndian(bootp[BootpHeaderLength..], MagicCookieValue);

    /// <summary>The options of a DHCPv4 message; none when it is not one (see <see cref="IsDhcpV4"/>).</summary>
    public static DhcpOptionReader V4(ReadOnlySpan<byte> bootp) =>
        IsDhcpV4(bootp) ? new DhcpOptionReader(bootp, v6: false, bootp[V4OptionsOffset..]) : default;

    /// <summary>The options of a DHCPv6 client/server message (after its type and transaction id).</summary>
    public static DhcpOptionReader V6(ReadOnlySpan<byte> message) =>
        message.Length >= 4 ? new DhcpOptionReader(message, v6: true, message[4..]) : default;

    public readonly DhcpOptionReader GetEnumerator() => this;

    public readonly DhcpOptionReader Current => this;

    /// <summary>Moves to the next option; false at the end (see <see cref="Problem"/>).</summary>
    public bool MoveNext() => _v6 ? NextV6() : NextV4();

    private bool NextV6()
    {
        if (_position + 4 > _area.Length)
        {
            if (_position < _area.Length)
                Problem = $"option header at {_position} is truncated";
            return false;
        }
        var code = BinaryPrimitives.ReadUInt16BigEndian(_area[_position..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(_area[(_position + 2)..]);
        if (_position + 4 + length > _area.Length)
        {
            Problem = $"option {code} at {_position} is {length} bytes long, past the end";
            return false;
        }
        Code = code;
        Value = _area.Slice(_position + 4, length);
        _position += 4 + length;
        return true;
    }

    private bool NextV4()
    {
        while (true)
        {
            if (Problem is not null)
                return false;
            if (_position >= _area.Length || _area[_position] == OptionEnd)
            {
                if (!NextArea())
                    return false;
                continue;
            }
            var code = _area[_position];
            if (code == OptionPad)
            {
                _position++;
                continue;
            }
            if (_position + 1 >= _area.Length)
            {
                Problem = $"{AreaName}: option {code} at {_position} has no length byte";
                return false;
            }
            var length = _area[_position + 1];
            if (_position + 2 + length > _area.Length)
            {
                Problem = $"{AreaName}: option {code} at {_position} is {length} bytes long, past the end";
                return false;
            }
            Code = code;
            Value = _area.Slice(_position + 2, length);
            _position += 2 + length;
            if (_areaIndex == 0 && code == OptionOverload && length == 1)
                _overload = Value[0] & 3;
            return true;
        }
    }

    /// <summary>After the options field: <c>file</c> when overloaded (bit 1), then <c>sname</c> (bit 2).</summary>
    private bool NextArea()
    {
        while (_areaIndex < 2)
        {
            _areaIndex++;
            _position = 0;
            if (_areaIndex == 1 && (_overload & 1) != 0)
            {
                _area = _message.Slice(FileOffset, FileLength);
                return true;
            }
            if (_areaIndex == 2 && (_overload & 2) != 0)
            {
                _area = _message.Slice(SnameOffset, SnameLength);
                return true;
            }
        }
        _area = default;
        return false;
    }

    private readonly string AreaName => _areaIndex switch
    {
        0 => "options",
        1 => "file (overloaded)",
        _ => "sname (overloaded)",
    };
}
