using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace IoTopia.Certify.Wire.Addresses;

/// <summary>A 48-bit MAC address held in a <see cref="ulong"/>; 0 means none (e.g. raw IP captures).</summary>
public readonly record struct MacAddr(ulong Value)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(MacAddr other) => Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();

    public bool IsNone => Value == 0;

    public bool IsBroadcastOrMulticast => (Value >> 40 & 1) == 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddr From(ReadOnlySpan<byte> b) =>
        new((ulong)BinaryPrimitives.ReadUInt32BigEndian(b) << 16 | BinaryPrimitives.ReadUInt16BigEndian(b[4..]));

    public static bool TryParse(string text, out MacAddr mac)
    {
        mac = default;
        var parts = text.Trim().Split(':', '-');
        if (parts.Length != 6)
            return false;
        ulong v = 0;
        foreach (var part in parts)
        {
            if (part.Length is < 1 or > 2 || !byte.TryParse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                return false;
            v = v << 8 | b;
        }
        mac = new MacAddr(v);
        return v != 0;
    }

    public override string ToString()
    {
        var value = Value;
        return string.Join(':', Enumerable.Range(0, 6).Select(i => ((byte)(value >> (40 - 8 * i))).ToString("x2", CultureInfo.InvariantCulture)));
    }
}
