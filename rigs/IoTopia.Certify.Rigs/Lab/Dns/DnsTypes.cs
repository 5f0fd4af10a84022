namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>Record types and classes the resolver names in its log, and which of them it refuses as not implemented.</summary>
public static class DnsTypes
{
    public const ushort A = 1;
    public const ushort Aaaa = 28;
    public const ushort ClassIn = 1;

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [1] = "A", [2] = "NS", [5] = "CNAME", [6] = "SOA", [12] = "PTR", [15] = "MX", [16] = "TXT",
        [28] = "AAAA", [33] = "SRV", [35] = "NAPTR", [41] = "OPT", [43] = "DS", [48] = "DNSKEY",
        [64] = "SVCB", [65] = "HTTPS", [251] = "IXFR", [252] = "AXFR", [253] = "MAILB", [254] = "MAILA", [255] = "ANY",
    };

    public static string Name(ushort type) => Names.TryGetValue(type, out var name) ? name : $"TYPE{type}";

    /// <summary>Zone transfers, mailbox and ANY queries, and OPT as a question: the lab does not do them (NOTIMP).</summary>
    public static bool IsMetaQuery(ushort type) => type is 41 or (>= 128 and <= 255);
}
