using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads one <c>ace</c>: name, matches, actions.</summary>
internal static class AceReader
{
    private const string Module = "ietf-access-control-list";

    public static Ace? Read(ObjectReader ace)
    {
        var name = Names.Read(ace, "ACE");
        var matchesNode = ace.Take("matches");
        var matches = ObjectReader.For(matchesNode, "matches", ace.Sink) is { } m ? MatchesReader.Read(m) : AceMatches.Any;
        var action = Action(ace);
        ace.WarnUnread("an RFC 8519 ace");
        return name is null ? null : new Ace { Name = name, Matches = matches, Action = action, Location = ace.Location };
    }

    private static ForwardingAction Action(ObjectReader ace)
    {
        var actionsNode = ace.Mandatory("actions");
        if (ObjectReader.For(actionsNode, "actions", ace.Sink) is not { } actions)
            return ForwardingAction.Unknown;
        var node = actions.Mandatory("forwarding");
        var value = Leaf.Identity(node, "forwarding", Module, ace.Sink);
        var action = value switch
        {
            null => ForwardingAction.Unknown,
            "accept" => ForwardingAction.Accept,
            "drop" => ForwardingAction.Drop,
            "reject" => ForwardingAction.Reject,
            _ => ForwardingAction.Unknown,
        };
        if (value is not null && action == ForwardingAction.Unknown)
            ace.Sink.Error("forwarding-action", node!.Location, $"forwarding {Quoted.Of(value)} is not an RFC 8519 forwarding action (accept, drop, reject)");
        var logging = Leaf.Identity(actions.Take("logging"), "logging", Module, ace.Sink);
        if (logging is not null and not "log-syslog" and not "log-none")
            ace.Sink.Error("yang-type", actions.Node.Get("logging")!.Location, $"logging {Quoted.Of(logging)} is not an RFC 8519 log action (log-syslog, log-none)");
        actions.WarnUnread("actions");
        return action;
    }
}
