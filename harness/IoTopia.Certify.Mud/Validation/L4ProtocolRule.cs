using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>l4-protocol</c> (warning): a tcp, udp or icmp match beside an IP protocol number that contradicts it can never match.</summary>
internal sealed class L4ProtocolRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        foreach (var ace in file.Acls.SelectMany(a => a.Aces))
        {
            if (ace.Matches.Ip is not { Protocol: { } protocol } ip)
                continue;
            var (name, expected) = ace.Matches switch
            {
                { Tcp: not null } => ("tcp", 6),
                { Udp: not null } => ("udp", 17),
                { Icmp: not null } => ("icmp", ip.Version == 4 ? 1 : 58),
                _ => ("", protocol),
            };
            if (protocol != expected)
                sink.Warning("l4-protocol", ip.Location, $"ACE {Quoted.Of(ace.Name)} matches {name} but IP protocol {protocol} (not {expected}): it can never match");
        }
    }
}
