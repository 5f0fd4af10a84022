using System.Buffers.Binary;
using System.Net;

namespace IoTopia.Certify.Wire.Addresses;

/// <summary>An IPv4 or IPv6 address as a value (no allocation per packet). <see cref="Version"/> 0 means none.</summary>
public readonly record struct IpAddr(UInt128 Value, byte Version) : IComparable<IpAddr>
{
    public bool Equals(IpAddr other) => Value == other.Value && Version == other.Version;

    public override int GetHashCode()
    {
        var folded = (ulong)Value ^ (ulong)(Value >> 64);
        return (int)folded ^ (int)(folded >> 32) ^ (Version << 24);
    }

    public int CompareTo(IpAddr other) => Version != other.Version ? Version.CompareTo(other.Version) : Value.CompareTo(other.Value);

    public static IpAddr None => default;

    public bool IsNone => Version == 0;

    public static IpAddr V4(ReadOnlySpan<byte> b) => new(BinaryPrimitives.ReadUInt32BigEndian(b), 4);

    public static IpAddr V6(ReadOnlySpan<byte> b) => new(BinaryPrimitives.ReadUInt128BigEndian(b), 6);

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
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)Value);
            return new IPAddress(b4);
        }
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b, Value);
        return new IPAddress(b);
    }

    public bool IsUnspecified => Version != 0 && Value == 0;

    public bool IsIpv4Broadcast => Version == 4 && (uint)Value == 0xFFFFFFFF;

    public bool IsMulticast => Version == 4 ? ((uint)Value >> 28) == 0xE : Version == 6 && (Value >> 120) == 0xFF;

    public bool IsIpv6LinkLocal => Version == 6 && (Value >> 118) == 0x3FA;

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

    public override string ToString() => Version == 0 ? "-" : ToIPAddress().ToString();
}
