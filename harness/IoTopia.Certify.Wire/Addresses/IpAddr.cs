using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace IoTopia.Certify.Wire.Addresses;

/// <summary>
/// An IPv4 or IPv6 address as a value (no allocation per packet). <see cref="Version"/> 0 means none.
/// Held as two 64-bit halves, not a <see cref="UInt128"/>: a struct of the library's own layout can be
/// compiled ahead of time (ReadyToRun) wherever it is used; one holding a runtime type cannot.
/// </summary>
public readonly struct IpAddr : IEquatable<IpAddr>, IComparable<IpAddr>
{
    private readonly ulong _high;
    private readonly ulong _low;

    public IpAddr(UInt128 value, byte version)
    {
        _high = (ulong)(value >> 64);
        _low = (ulong)value;
        Version = version;
    }

    private IpAddr(ulong high, ulong low, byte version)
    {
        _high = high;
        _low = low;
        Version = version;
    }

    /// <summary>The address as a number (IPv4 in the low 32 bits).</summary>
    public UInt128 Value => new(_high, _low);

    public byte Version { get; }

    public static IpAddr None => default;

    public bool IsNone => Version == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddr V4(ReadOnlySpan<byte> b) => new(0, BinaryPrimitives.ReadUInt32BigEndian(b), 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddr V6(ReadOnlySpan<byte> b) => new(BinaryPrimitives.ReadUInt64BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[8..]), 6);

    public static IpAddr From(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? V4(bytes) : V6(bytes);
    }

    public IPAddress ToIPAddress()
    {
        if (Version == 4)
        {
            Span<byte> b4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)_low);
            return new IPAddress(b4);
        }
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, _high);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], _low);
        return new IPAddress(b);
    }

    public bool IsUnspecified => Version != 0 && _high == 0 && _low == 0;

    public bool IsIpv4Broadcast => Version == 4 && (uint)_low == 0xFFFFFFFF;

    public bool IsMulticast => Version == 4 ? ((uint)_low >> 28) == 0xE : Version == 6 && (_high >> 56) == 0xFF;

    public bool IsIpv6LinkLocal => Version == 6 && (_high >> 54) == 0x3FA;

    /// <summary>Whether the address is inside <paramref name="network"/> (as <see cref="IPNetwork.Contains"/>, without allocating).</summary>
    public bool In(IPNetwork network)
    {
        if (Version == 0)
            return false;
        var baseAddress = network.BaseAddress;
        if (baseAddress.IsIPv4MappedToIPv6)
            return network.Contains(ToIPAddress());
        var v4 = baseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        if (v4 != (Version == 4))
            return false;
        var bits = v4 ? 32 : 128;
        var prefix = network.PrefixLength;
        if (prefix <= 0)
            return true;
        var start = From(baseAddress).Value;
        var shift = bits - prefix;
        return shift <= 0 ? Value == start : (Value >> shift) == (start >> shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(IpAddr other) => _low == other._low && _high == other._high && Version == other.Version;

    public override bool Equals(object? obj) => obj is IpAddr other && Equals(other);

    public override int GetHashCode()
    {
        var folded = _high ^ _low;
        return (int)folded ^ (int)(folded >> 32) ^ (Version << 24);
    }

    public int CompareTo(IpAddr other) =>
        Version != other.Version ? Version.CompareTo(other.Version)
        : _high != other._high ? _high.CompareTo(other._high)
        : _low.CompareTo(other._low);

    public static bool operator ==(IpAddr left, IpAddr right) => left.Equals(right);

    public static bool operator !=(IpAddr left, IpAddr right) => !left.Equals(right);

    public override string ToString() => Version switch
    {
        0 => "-",
        // Dotted decimal, as IPAddress writes it, without building an IPAddress (reports print thousands).
        4 => string.Create(CultureInfo.InvariantCulture, $"{(byte)(_low >> 24)}.{(byte)(_low >> 16)}.{(byte)(_low >> 8)}.{(byte)_low}"),
        _ => ToIPAddress().ToString(),
    };

    /// <summary>The halves, for packed keys.</summary>
    internal ulong High => _high;

    internal ulong Low => _low;

    internal static IpAddr FromHalves(ulong high, ulong low, byte version) => new(high, low, version);
}
