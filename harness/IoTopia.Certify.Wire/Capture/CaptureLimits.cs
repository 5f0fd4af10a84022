namespace IoTopia.Certify.Wire.Capture;

/// <summary>Bounds on what a capture file may ask the reader to allocate.</summary>
public static class CaptureLimits
{
    /// <summary>Largest captured length of one packet (jumbo frames and 256 KiB snap lengths fit).</summary>
    public const int MaxPacketBytes = 1 << 20;

    /// <summary>Largest pcapng block (a packet plus its options).</summary>
    public const int MaxBlockBytes = MaxPacketBytes + 64 * 1024;

    public const int MaxInterfaces = 1024;
}
