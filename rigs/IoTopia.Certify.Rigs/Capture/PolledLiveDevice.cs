using SharpPcap.LibPcap;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// A libpcap live device whose reader can wait for data with its own timeout: SharpPcap's
/// <c>GetNextPacket</c> always waits up to 500 ms, which would make every stop and every quiet-link loss
/// checkpoint that slow.
/// </summary>
internal sealed class PolledLiveDevice(PcapInterface pcapInterface) : LibPcapLiveDevice(pcapInterface)
{
    /// <summary>True when a read would find data now or within <paramref name="timeout"/>.</summary>
    public bool WaitForData(TimeSpan timeout) => PollFileDescriptor((int)Math.Ceiling(timeout.TotalMilliseconds));
}
