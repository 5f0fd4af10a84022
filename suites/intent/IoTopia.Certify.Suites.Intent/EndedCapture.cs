using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>A capture an intent step ended: its complete pcap, its final counts, whose traffic it holds, and why it failed (if it did).</summary>
public sealed record EndedCapture(string Name, string PcapPath, string PcapEvidencePath, CaptureStats Stats, CaptureTarget Target, string? Failure, DateTimeOffset Started, DateTimeOffset Ended);
