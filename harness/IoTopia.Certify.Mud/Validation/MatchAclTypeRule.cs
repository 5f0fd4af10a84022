using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary>
/// <c>match-acl-type</c> (warning): RFC 8519 only allows eth, ipv4 and ipv6 matches in ACLs of a type
/// derived from eth-acl-type, ipv4-acl-type and ipv6-acl-type respectively. Real generators break this
/// (e.g. an eth match in an ipv4 ACL), and managers accept it, so it is a warning.
/// </summary>
internal sealed class MatchAclTypeRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        foreach (var acl in file.Acls.Where(a => a.Type is not AclType.Unspecified and not AclType.Unknown))
        {
            foreach (var ace in acl.Aces)
            {
                if (ace.Matches.Eth is { } eth && !AllowsEth(acl.Type))
                    Warn(sink, eth.Location, acl, ace, "eth");
                if (ace.Matches.Ipv4 is { } v4 && !AllowsIpv4(acl.Type))
                    Warn(sink, v4.Location, acl, ace, "ipv4");
                if (ace.Matches.Ipv6 is { } v6 && !AllowsIpv6(acl.Type))
                    Warn(sink, v6.Location, acl, ace, "ipv6");
            }
        }
    }

    private static bool AllowsEth(AclType t) => t is AclType.Eth or AclType.MixedEthIpv4 or AclType.MixedEthIpv6 or AclType.MixedEthIpv4Ipv6;

    private static bool AllowsIpv4(AclType t) => t is AclType.Ipv4 or AclType.MixedEthIpv4 or AclType.MixedEthIpv4Ipv6;

    private static bool AllowsIpv6(AclType t) => t is AclType.Ipv6 or AclType.MixedEthIpv6 or AclType.MixedEthIpv4Ipv6;

    private static void Warn(ProblemSink sink, SourceLocation at, Acl acl, Ace ace, string match) =>
        sink.Warning("match-acl-type", at, $"ACE {Quoted.Of(ace.Name)} has an {match} match in ACL {Quoted.Of(acl.Name)} of type {acl.TypeText}; RFC 8519 allows {match} matches only in ACLs of a matching type");
}
