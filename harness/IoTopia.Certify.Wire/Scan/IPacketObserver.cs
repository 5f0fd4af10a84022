using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Wire.Scan;

/// <summary>Sees every decoded packet of a <see cref="CaptureScan"/>'s first pass, in order (e.g. to collect facts beyond flows and names).</summary>
public interface IPacketObserver
{
    /// <param name="frame">the packet's bytes: valid only during the call</param>
    /// <param name="number">1-based packet number, as Wireshark numbers frames</param>
    void Observe(ReadOnlySpan<byte> frame, in DecodedPacket packet, long number);
}
