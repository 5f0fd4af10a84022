namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>One capture session's settings: its BPF filter, and who sees each decoded packet as it arrives.</summary>
/// <param name="Filter">a BPF filter in libpcap syntax; usually <see cref="CaptureTarget.DefaultFilter"/></param>
/// <param name="OnPacket">called on the capture's reader for every packet written, in order; keep it short</param>
public sealed record CaptureSettings(string Filter, Action<CapturedPacket>? OnPacket = null);
