namespace IoTopia.Certify.Mud.Draft;

/// <summary>How a drafted ACE names the remote side: a DNS name, the local-networks abstraction, or an address range.</summary>
internal sealed record DraftEndpoint(string? DnsName, bool Local, string? Network)
{
    public string Label => DnsName ?? (Local ? "local-networks" : Network!);
}
