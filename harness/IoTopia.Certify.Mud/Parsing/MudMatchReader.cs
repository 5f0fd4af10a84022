using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads RFC 8520's <c>ietf-mud:mud</c> match augmentation.</summary>
internal static class MudMatchReader
{
    private const string MudUrnPrefix = "urn:ietf:params:mud:";

    private static readonly IReadOnlySet<string> NoneKnown = new HashSet<string>();

    public static MudMatch Read(ObjectReader mud, UnmodelledMatches unmodelled)
    {
        var match = new MudMatch
        {
            Location = mud.Location,
            Manufacturer = mud.Host("manufacturer"),
            SameManufacturer = mud.Empty("same-manufacturer"),
            Model = mud.Uri("model"),
            LocalNetworks = mud.Empty("local-networks"),
            Controller = Controller(mud),
            MyController = mud.Empty("my-controller"),
        };
        unmodelled.Collect(mud, "ietf-mud:mud", NoneKnown);
        return match;
    }

    private static string? Controller(ObjectReader mud)
    {
        var node = mud.Take("controller");
        var uri = Leaf.Uri(node, "controller", mud.Sink);
        if (uri is not null
            && uri.StartsWith(MudUrnPrefix, StringComparison.OrdinalIgnoreCase)
            && !uri.Equals(MudMatch.DnsControllerUrn, StringComparison.OrdinalIgnoreCase)
            && !uri.Equals(MudMatch.NtpControllerUrn, StringComparison.OrdinalIgnoreCase))
        {
            mud.Sink.Warning("controller-urn-unregistered", node!.Location,
                $"controller {Quoted.Of(uri)} is not a registered MUD controller URN (only {MudMatch.DnsControllerUrn} and {MudMatch.NtpControllerUrn} are); the lab must be told which hosts it means");
        }
        return uri;
    }
}
