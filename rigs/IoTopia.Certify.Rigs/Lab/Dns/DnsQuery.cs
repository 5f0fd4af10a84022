namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>
/// One DNS query as it arrived: header fields, the single question (its labels as raw bytes) and
/// where the question section ends (the response echoes bytes 12..<see cref="QuestionEnd"/>).
/// </summary>
public sealed record DnsQuery(
    ushort Id,
    int Opcode,
    bool RecursionDesired,
    IReadOnlyList<byte[]> Labels,
    ushort QType,
    ushort QClass,
    int QuestionEnd)
{
    /// <summary>The client a forwarder asked for (EDNS Client Subnet, an IPv4 /32), or null.</summary>
    public System.Net.IPAddress? ClientSubnet { get; init; }

    /// <summary>The name as master-file text: \. \\ and \DDD escapes, so any bytes stay readable and unambiguous.</summary>
    public string NameText => DnsNameText.Escape(Labels);
}
