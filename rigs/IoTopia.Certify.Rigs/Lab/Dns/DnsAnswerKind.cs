namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>How the lab resolver answers a name configured for a scenario (YAML: nxdomain, refused, servfail, no-data, no-answer, address).</summary>
public enum DnsAnswerKind
{
    /// <summary>NXDOMAIN: the name does not exist.</summary>
    Nxdomain,

    /// <summary>REFUSED: the resolver will not answer.</summary>
    Refused,

    /// <summary>SERVFAIL: the resolver failed.</summary>
    Servfail,

    /// <summary>NOERROR without records: the name exists but has no address.</summary>
    NoData,

    /// <summary>No reply at all: the query is logged and dropped, the client times out.</summary>
    NoAnswer,

    /// <summary>NOERROR with the configured address (A queries).</summary>
    Address,
}
