namespace IoTopia.Certify.Wire.Frames;

/// <summary>Why <see cref="FrameDecoder"/> stopped before the transport payload; the fields read before it stay set.</summary>
public enum FrameProblem : byte
{
    None,
    TruncatedLinkHeader,
    TruncatedVlanTag,
    TruncatedIpHeader,
    BadIpVersion,
    BadIpv4HeaderLength,
    BadIpv4TotalLength,
    TruncatedIpv6ExtensionHeader,
    TruncatedTcpHeader,
    TruncatedUdpHeader,
    TruncatedArp,
}
