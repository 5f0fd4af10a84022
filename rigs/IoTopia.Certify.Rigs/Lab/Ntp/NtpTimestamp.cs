using System.Buffers.Binary;

namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>
/// An NTP timestamp (RFC 5905 §6): seconds since 1900-01-01 in the high 32 bits, the fraction in the low 32,
/// in era 0 until 2036-02-07 and era 1 after it (the 32-bit seconds wrap; a client takes the era nearest its clock).
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The 64-bit timestamp of <paramref name="time"/>, to 100 ns.</summary>
    public static ulong From(DateTimeOffset time)
    {
        var ticks = (time.UtcTicks - Era0.UtcTicks) % (TimeSpan.TicksPerSecond * (1L << 32));
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The time <paramref name="value"/> names in the era nearest <paramref name="near"/>.</summary>
    public static DateTimeOffset ToTime(ulong value, DateTimeOffset near)
    {
        const long eraTicks = TimeSpan.TicksPerSecond * (1L << 32);
        var inEra = (long)(value >> 32) * TimeSpan.TicksPerSecond + (long)((value & 0xFFFF_FFFF) * (ulong)TimeSpan.TicksPerSecond >> 32);
        var era = (near.UtcTicks - Era0.UtcTicks - inEra + eraTicks / 2) / eraTicks;
        return new DateTimeOffset(Era0.UtcTicks + era * eraTicks + inEra, TimeSpan.Zero);
    }

    public static ulong Read(ReadOnlySpan<byte> packet, int offset) => BinaryPrimitives.ReadUInt64BigEndian(packet[offset..]);

    public static void Write(Span<byte> packet, int offset, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(packet[offset..], value);
}
