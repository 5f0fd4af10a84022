namespace IoTopia.Certify.Wire.Frames;

/// <summary>Words for a <see cref="FrameProblem"/>, as evidence shows them.</summary>
public static class FrameProblems
{
    public static string? Describe(in DecodedPacket p) => p.Problem switch
    {
        FrameProblem.None => null,
        FrameProblem.TruncatedLinkHeader => "truncated link-layer header",
        FrameProblem.TruncatedVlanTag => "truncated VLAN tag",
        FrameProblem.TruncatedIpHeader => p.Ethertype == FrameDecoder.EthertypeIpv6 || p.IpVersion == 6 ? "truncated IPv6 header" : "truncated IPv4 header",
        FrameProblem.BadIpVersion => "IP version is neither 4 nor 6",
        FrameProblem.BadIpv4HeaderLength => $"bad IPv4 header length {p.ProblemValue}",
        FrameProblem.BadIpv4TotalLength => $"bad IPv4 total length {p.ProblemValue}",
        FrameProblem.TruncatedIpv6ExtensionHeader => "truncated IPv6 extension header",
        FrameProblem.TruncatedTcpHeader => "truncated TCP header",
        FrameProblem.TruncatedUdpHeader => "truncated UDP header",
        FrameProblem.TruncatedArp => "truncated ARP packet",
        _ => p.Problem.ToString(),
    };
}
