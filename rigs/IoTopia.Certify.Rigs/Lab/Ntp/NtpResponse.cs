using System.Buffers.Binary;
using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>
/// A server's answer to a client request (RFC 5905 server mode, as RFC 4330 §5 describes it for SNTP): no leap
/// warning, the client's version, mode 4, this server's stratum, the client's poll, the server's precision, root
/// delay and dispersion, its reference id, and the reference, originate (the client's transmit, copied), receive and
/// transmit timestamps. 48 bytes: never more than the request, so the server cannot amplify a spoofed one.
/// </summary>
public static class NtpResponse
{
    /// <summary>What the lab's server says of itself: stratum 2, its time from the host clock.</summary>
    public const byte Stratum = 2;

    /// <summary>2^-20 s, about a microsecond: the resolution of the host clock as .NET reads it.</summary>
    public const sbyte Precision = -20;

    /// <summary>
    /// The reference id of a stratum-2 server is its source's IPv4 address; the lab's source is the host clock,
    /// which NTP has always named 127.127.1.0 (the local clock's pseudo-address).
    /// </summary>
    public static readonly IPAddress ReferenceId = IPAddress.Parse("127.127.1.0");

    /// <summary>10 ms of root dispersion, in NTP's short format (16.16 seconds): honest for a host clock's error bound.</summary>
    private const uint RootDispersion = 0x0000_028F;

    public const int ServerMode = 4;

    public static byte[] Build(NtpRequest request, DateTimeOffset received, DateTimeOffset transmit)
    {
        var packet = new byte[NtpRequestParser.HeaderLength];
        packet[0] = (byte)((0 << 6) | (request.Version << 3) | ServerMode);
        packet[1] = Stratum;
        packet[2] = (byte)request.Poll;
        packet[3] = unchecked((byte)Precision);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), 0);              // root delay: the host clock is the root
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), RootDispersion);
        ReferenceId.GetAddressBytes().CopyTo(packet, 12);
        NtpTimestamp.Write(packet, 16, NtpTimestamp.From(received));            // reference: the clock was read on receipt
        NtpTimestamp.Write(packet, 24, request.Transmit);                        // originate: the client's transmit, as sent
        NtpTimestamp.Write(packet, 32, NtpTimestamp.From(received));
        NtpTimestamp.Write(packet, 40, NtpTimestamp.From(transmit));
        return packet;
    }
}
