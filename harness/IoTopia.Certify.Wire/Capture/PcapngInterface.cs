namespace IoTopia.Certify.Wire.Capture;

/// <summary>A pcapng interface: its link type, snap length and timestamp resolution (<c>if_tsresol</c>).</summary>
internal sealed record PcapngInterface(LinkType LinkType, uint SnapLength, byte Resolution)
{
    public long ToNanos(ulong ticks)
    {
        var exponent = Resolution & 0x7F;
        if ((Resolution & 0x80) != 0)
            return (long)Math.Min((double)ticks * 1e9 / Math.Pow(2, exponent), long.MaxValue);
        if (exponent <= 9)
        {
            var factor = (ulong)Math.Pow(10, 9 - exponent);
            return ticks > (ulong)long.MaxValue / factor ? long.MaxValue : (long)(ticks * factor);
        }
        return (long)(ticks / (ulong)Math.Pow(10, Math.Min(exponent - 9, 19)));
    }
}
