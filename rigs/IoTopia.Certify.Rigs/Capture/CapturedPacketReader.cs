using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Turns a live-captured frame into the <see cref="CapturedPacket"/> steps see, with the wire library's
/// <see cref="FrameDecoder"/> (and its DNS reader for responses from port 53 or 5353; the UDP payload of
/// BOOTP/DHCP kept for the lab's DHCP observations). Never throws on packet data; says what was malformed.
/// </summary>
public static class CapturedPacketReader
{
    private const int DnsPort = 53;
    private const int MdnsPort = 5353;
    private const int MaxBootp = 1500;

    public static CapturedPacket Read(uint linkType, ReadOnlySpan<byte> frame, DateTimeOffset time, int wireLength, CaptureTarget? target = null)
    {
        var p = default(DecodedPacket);
        FrameDecoder.Decode(frame, (LinkType)linkType, ref p);
        var packet = new CapturedPacket
        {
            Time = time,
            Length = Math.Max(wireLength, frame.Length),
            Malformed = FrameProblems.Describe(p),
        };
        if (p.IpVersion != 0)
        {
            // Ports were read when the segment had at least 4 bytes: a header cut shorter has none.
            var hasPorts = p.Protocol is FrameDecoder.ProtocolTcp or FrameDecoder.ProtocolUdp && !p.Fragment
                && (p.Problem is not (FrameProblem.TruncatedTcpHeader or FrameProblem.TruncatedUdpHeader) || p.SourcePort != 0 || p.DestinationPort != 0);
            packet = packet with
            {
                Source = p.Source.ToIPAddress(),
                Destination = p.Destination.ToIPAddress(),
                Protocol = p.Protocol,
                SourcePort = hasPorts ? p.SourcePort : null,
                DestinationPort = hasPorts ? p.DestinationPort : null,
            };
            if (p.IsUdp && p.Problem == FrameProblem.None)
            {
                var payload = frame.Slice(p.PayloadOffset, p.PayloadLength);
                if (p.SourcePort is 67 or 68 || p.DestinationPort is 67 or 68)
                    packet = packet with { Bootp = payload[..Math.Min(payload.Length, MaxBootp)].ToArray() };
                else if (p.SourcePort is DnsPort or MdnsPort)
                {
                    var answers = DnsAnswerSet.Read(payload);
                    packet = packet with
                    {
                        DnsAnswers = answers.Bindings().Select(b => new DnsBinding(b.Name, b.Address.ToIPAddress())).ToList(),
                        Malformed = answers.Problem is null ? packet.Malformed : $"DNS: {answers.Problem}",
                    };
                }
            }
        }
        return target is null ? packet : packet with { IsDut = target.IsDut(packet.Source, packet.Destination) };
    }
}
