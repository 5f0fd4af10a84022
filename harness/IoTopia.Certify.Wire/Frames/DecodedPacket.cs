using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Frames;

/// <summary>
/// The header fields of one frame, decoded from its bytes without allocation. Offsets point into the
/// frame; zero/None members were absent. Reset by <see cref="FrameDecoder.Decode"/>.
/// </summary>
public struct DecodedPacket
{
    public MacAddr SourceMac;
    public MacAddr DestinationMac;

    /// <summary>The ethertype after VLAN tags (0 when the link has none, e.g. raw IP: then see <see cref="IpVersion"/>).</summary>
    public int Ethertype;

    /// <summary>Linux cooked capture: the packet was sent by the capturing host.</summary>
    public bool Outgoing;

    public int IpVersion;
    public IpAddr Source;
    public IpAddr Destination;
    public int Protocol;

    /// <summary>A non-first IP fragment: no transport header.</summary>
    public bool Fragment;

    public int SourcePort;
    public int DestinationPort;
    public byte TcpFlags;
    public int IcmpType;
    public int IcmpCode;

    /// <summary>Offset and length of the transport payload (TCP/UDP data), or of the link payload for non-IP frames.</summary>
    public int PayloadOffset;
    public int PayloadLength;

    /// <summary>ARP (ethertype 0x0806, Ethernet/IPv4): the operation (1 request, 2 reply) and the sender's and target's protocol addresses; 0/None otherwise.</summary>
    public int ArpOperation;
    public IpAddr ArpSender;
    public IpAddr ArpTarget;

    /// <summary>What stopped decoding early (a truncated or impossible header), or <see cref="FrameProblem.None"/>.</summary>
    public FrameProblem Problem;

    /// <summary>The offending value of a bad header length (IPv4 IHL in bytes, or total length), else 0.</summary>
    public int ProblemValue;

    /// <summary>For an ICMP destination-unreachable: the flow quoted inside it.</summary>
    public bool HasQuoted;
    public IpAddr QuotedSource;
    public IpAddr QuotedDestination;
    public int QuotedProtocol;
    public int QuotedSourcePort;
    public int QuotedDestinationPort;

    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Ack = 0x10;

    public readonly bool IsTcp => Protocol == 6 && !Fragment;

    public readonly bool IsUdp => Protocol == 17 && !Fragment;

    public readonly bool IsIcmp => (Protocol == 1 || Protocol == 58) && !Fragment;
}
