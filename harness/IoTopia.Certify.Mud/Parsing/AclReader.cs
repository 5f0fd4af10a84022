using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads <c>acls.acl[]</c> (RFC 8519).</summary>
internal static class AclReader
{
    private const string Module = "ietf-access-control-list";

    private static readonly Dictionary<string, AclType> Types = new(StringComparer.Ordinal)
    {
        ["ipv4-acl-type"] = AclType.Ipv4,
        ["ipv6-acl-type"] = AclType.Ipv6,
        ["eth-acl-type"] = AclType.Eth,
        ["mixed-eth-ipv4-acl-type"] = AclType.MixedEthIpv4,
        ["mixed-eth-ipv6-acl-type"] = AclType.MixedEthIpv6,
        ["mixed-eth-ipv4-ipv6-acl-type"] = AclType.MixedEthIpv4Ipv6,
    };

    public static IReadOnlyList<Acl> ReadAll(JNode aclsNode, ProblemSink sink)
    {
        if (ObjectReader.For(aclsNode, "acls", sink) is not { } acls)
            return [];
        var result = new List<Acl>();
        foreach (var item in Leaf.Array(acls.Take("acl"), "acl", sink))
        {
            if (ObjectReader.For(item, "an acl entry", sink) is { } acl && Read(acl) is { } read)
                result.Add(read);
        }
        acls.WarnUnread("acls");
        return result;
    }

    private static Acl? Read(ObjectReader acl)
    {
        var name = Names.Read(acl, "ACL");
        var typeNode = acl.Take("type");
        var typeText = Leaf.String(typeNode, "type", acl.Sink);
        var type = typeText is null ? AclType.Unspecified : Type(typeText, typeNode!, acl.Sink);
        var aces = new List<Ace>();
        if (acl.Object("aces") is { } container)
        {
            foreach (var item in Leaf.Array(container.Take("ace"), "ace", acl.Sink))
            {
                if (ObjectReader.For(item, "an ace entry", acl.Sink) is { } ace && AceReader.Read(ace) is { } read)
                    aces.Add(read);
            }
            container.WarnUnread("aces");
        }
        acl.WarnUnread("an RFC 8519 acl");
        return name is null ? null : new Acl { Name = name, Type = type, TypeText = typeText, Aces = aces, Location = acl.Location };
    }

    private static AclType Type(string text, JNode node, ProblemSink sink)
    {
        var colon = text.IndexOf(':');
        var local = colon >= 0 && text[..colon] == Module ? text[(colon + 1)..] : text;
        if (Types.TryGetValue(local, out var type))
            return type;
        if (local == "ethernet-acl-type")
        {
            sink.Warning("ethernet-acl-type", node.Location, "type 'ethernet-acl-type' is not an RFC 8519 identity; read as eth-acl-type (accepted)");
            return AclType.Eth;
        }
        sink.Error("acl-type-identity", node.Location,
            $"type {Quoted.Of(text)} is not an RFC 8519 acl-type identity (ipv4-acl-type, ipv6-acl-type, eth-acl-type, mixed-eth-ipv4-acl-type, mixed-eth-ipv6-acl-type, mixed-eth-ipv4-ipv6-acl-type)");
        return AclType.Unknown;
    }
}
