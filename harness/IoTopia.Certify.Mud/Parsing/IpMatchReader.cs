using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads an <c>ipv4</c> or <c>ipv6</c> match with its ietf-acldns names.</summary>
internal static class IpMatchReader
{
    private static readonly IReadOnlySet<string> KnownUnmodelled = new HashSet<string>
    {
        "dscp", "ecn", "length", "ttl", "ihl", "flags", "offset", "identification", "flow-label",
    };

    public static IpMatch Read(ObjectReader ip, int version, UnmodelledMatches unmodelled)
    {
        var where = $"ipv{version}";
        var match = new IpMatch
        {
            Version = version,
            Location = ip.Location,
            Protocol = ip.Integer("protocol", byte.MaxValue),
            SourceNetwork = Network(ip, $"source-ipv{version}-network", version),
            DestinationNetwork = Network(ip, $"destination-ipv{version}-network", version),
            SourceDnsName = ip.Host("ietf-acldns:src-dnsname"),
            DestinationDnsName = ip.Host("ietf-acldns:dst-dnsname"),
        };
        unmodelled.Collect(ip, where, KnownUnmodelled);
        return match;
    }

    private static System.Net.IPNetwork? Network(ObjectReader ip, string name, int version)
    {
        var node = ip.Take(name);
        if (Leaf.String(node, name, ip.Sink) is not { } text)
            return null;
        var network = YangTypes.Prefix(text, version);
        if (network is null)
            ip.Sink.Error("yang-type", node!.Location, $"{name} {Quoted.Of(text)} is not an IPv{version} prefix (address/length)");
        return network;
    }
}
