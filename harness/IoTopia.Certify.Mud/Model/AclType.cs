namespace IoTopia.Certify.Mud.Model;

/// <summary>The RFC 8519 <c>acl-type</c> identities; <see cref="Unknown"/> for anything else.</summary>
public enum AclType
{
    Unspecified,
    Ipv4,
    Ipv6,
    Eth,
    MixedEthIpv4,
    MixedEthIpv6,
    MixedEthIpv4Ipv6,
    Unknown,
}
