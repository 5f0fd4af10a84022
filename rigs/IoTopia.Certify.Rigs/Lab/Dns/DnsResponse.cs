using System.Buffers.Binary;
using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>Builds the answer to a parsed query: the question echoed as received and at most one A record.</summary>
public static class DnsResponse
{
    public const uint Ttl = 60;

    /// <param name="query">what was asked</param>
    /// <param name="message">the query's bytes, for the question section</param>
    /// <param name="rcode">the response code</param>
    /// <param name="address">the A record's address (only with NOERROR), or null for no answer</param>
    public static byte[] Build(DnsQuery query, ReadOnlySpan<byte> message, DnsRcode rcode, IPAddress? address)
    {
        var question = message[12..query.QuestionEnd];
        var answerLength = address is null ? 0 : 16;
        var bytes = new byte[12 + question.Length + answerLength];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, query.Id);
        var flags = 0x8000                      // QR: a response
            | (query.Opcode << 11)
            | 0x0400                            // AA: the lab is the authority for its names
            | (query.RecursionDesired ? 0x0100 : 0)
            | 0x0080                            // RA
            | (int)rcode;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(address is null ? 0 : 1));
        question.CopyTo(span[12..]);
        if (address is not null)
            WriteA(span[(12 + question.Length)..], address);
        return bytes;
    }

    private static void WriteA(Span<byte> span, IPAddress address)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, 0xC00C); // the name: a pointer to the question's
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], DnsTypes.A);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], DnsTypes.ClassIn);
        BinaryPrimitives.WriteUInt32BigEndian(span[6..], Ttl);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 4);
        address.GetAddressBytes().CopyTo(span[12..]);
    }
}
