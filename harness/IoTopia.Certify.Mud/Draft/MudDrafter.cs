using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Parsing;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Draft;

/// <summary>
/// Drafts a MUD file covering a device's observed traffic, for the manufacturer to narrow: one ACE pair
/// (from-device and to-device) per remote endpoint and service port; DNS names where the capture gave
/// them (dnsname ACEs), <c>local-networks</c> for local hosts, /32 or /128 networks otherwise;
/// <c>direction-initiated</c> where a TCP start was captured. Infrastructure, refused inbound flows and
/// local DNS/NTP (RFC 8520's default allowance) are left out; so are non-IP frames.
/// </summary>
public static class MudDrafter
{
    public const string PlaceholderUrl = "https://manufacturer.example/mud/device.json";

    public static DraftResult Draft(CaptureAnalysis capture, CheckSettings settings, string? mudUrl, DateTimeOffset now)
    {
        var notes = new List<string>();
        var rules = new List<DraftRule>();
        var skippedLink = 0;
        var skippedDefaults = 0;
        var skippedRefused = 0;
        foreach (var flow in capture.JudgedFlows)
        {
            if (!flow.IsIp)
            {
                skippedLink++;
                continue;
            }
            if (flow.FirstSender == Side.Remote && !flow.DeviceAnswered)
            {
                skippedRefused++;
                continue;
            }
            var remote = flow.Key.Remote;
            if (settings.IsLocal(remote) && ((flow.Key.Protocol is 6 or 17 && flow.Key.RemotePort == 53) || (flow.Key.Protocol == 17 && flow.Key.RemotePort == 123)))
            {
                skippedDefaults++;
                continue;
            }
            var rule = Rule(flow, capture, settings);
            if (!rules.Contains(rule))
                rules.Add(rule);
        }
        var url = mudUrl ?? DiscoveredUrl(capture, settings, notes) ?? PlaceholderUrl;
        if (url == PlaceholderUrl)
            notes.Add($"mud-url is a placeholder ({PlaceholderUrl}): give --mud-url");
        if (skippedDefaults > 0)
            notes.Add($"{skippedDefaults} local DNS/NTP flow(s) left to RFC 8520's default allowance");
        if (skippedRefused > 0)
            notes.Add($"{skippedRefused} flow(s) the remote spoke first in and the device only refused left out");
        if (skippedLink > 0)
            notes.Add($"{skippedLink} non-IP flow(s) left out (not drafted as eth ACEs)");
        var json = Build(rules, url, now);
        return new DraftResult(json, rules.Count * 2, notes);
    }

    private static DraftRule Rule(Flow flow, CaptureAnalysis capture, CheckSettings settings)
    {
        var key = flow.Key;
        var remote = Endpoint(flow, capture, settings);
        var ports = key.Protocol is 6 or 17;
        bool deviceIsClient;
        if (key.Protocol == 6 && !flow.InitiatorUnknown)
            deviceIsClient = flow.Initiator == Side.Device;
        else if (key.Protocol == 6)
            deviceIsClient = key.RemotePort <= key.DevicePort;
        else
            deviceIsClient = flow.FirstSender != Side.Remote;
        int? service = ports ? (deviceIsClient ? key.RemotePort : key.DevicePort) : null;
        return new DraftRule(flow.IpVersion, key.Protocol, remote, service, deviceIsClient, key.Protocol == 6 && !flow.InitiatorUnknown);
    }

    private static DraftEndpoint Endpoint(Flow flow, CaptureAnalysis capture, CheckSettings settings)
    {
        var names = capture.Names.NamesOf(flow.Key.Remote);
        var queried = names.OrderByDescending(n => n.Chain.Count).ThenBy(n => n.Name, StringComparer.Ordinal).Select(n => n.Name).FirstOrDefault(IsHostName);
        if (queried is null && names.Count == 0 && flow.Sni is { } sni && IsHostName(sni))
            queried = sni;
        if (queried is not null)
            return new DraftEndpoint(queried, false, null);
        if (settings.IsLocal(flow.Key.Remote))
            return new DraftEndpoint(null, true, null);
        return new DraftEndpoint(null, false, $"{flow.Key.Remote}/{(flow.IpVersion == 4 ? 32 : 128)}");
    }

    private static string? DiscoveredUrl(CaptureAnalysis capture, CheckSettings settings, List<string> notes)
    {
        var emitted = capture.MudUrls.Of(settings.Device.Mac ?? default, capture.DeviceAddresses).FirstOrDefault(s => s.Problems.Count == 0);
        if (emitted is null)
            return null;
        notes.Add($"mud-url taken from the device's {emitted.ChannelName} (packet {emitted.PacketNumber})");
        return emitted.Url;
    }

    /// <summary>
    /// Only plain host names that the validator takes as inet:host become dnsname ACEs; anything odd a capture
    /// supplied (e.g. a label ending in '-') falls back to an address.
    /// </summary>
    private static bool IsHostName(string name) =>
        name.Length is > 0 and <= 253 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_')
        && name.Split('.').All(label => label.Length is > 0 and <= 63) && YangTypes.IsHost(name);

    private static byte[] Build(List<DraftRule> rules, string url, DateTimeOffset now)
    {
        var acls = new JsonArray();
        var from = new JsonArray();
        var to = new JsonArray();
        // Added as JsonNode: JsonArray's generic Add<T> is not safe in the native (trimmed) build of the mud commands.
        foreach (var version in new[] { 4, 6 })
        {
            var mine = rules.Where(r => r.IpVersion == version).ToList();
            if (mine.Count == 0)
                continue;
            var fromName = $"from-ipv{version}-draft";
            var toName = $"to-ipv{version}-draft";
            acls.Add((JsonNode)Acl(fromName, version, mine.Select((r, i) => Ace($"{fromName}-{i}", r, fromDevice: true))));
            acls.Add((JsonNode)Acl(toName, version, mine.Select((r, i) => Ace($"{toName}-{i}", r, fromDevice: false))));
            from.Add((JsonNode)new JsonObject { ["name"] = fromName });
            to.Add((JsonNode)new JsonObject { ["name"] = toName });
        }
        var mud = new JsonObject
        {
            ["mud-version"] = 1,
            ["mud-url"] = url,
            ["last-update"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["cache-validity"] = 48,
            ["is-supported"] = true,
            ["systeminfo"] = "draft from observed traffic: narrow before use",
        };
        if (from.Count > 0)
        {
            mud["from-device-policy"] = new JsonObject { ["access-lists"] = new JsonObject { ["access-list"] = from } };
            mud["to-device-policy"] = new JsonObject { ["access-lists"] = new JsonObject { ["access-list"] = to } };
        }
        var root = new JsonObject
        {
            ["ietf-mud:mud"] = mud,
            ["ietf-access-control-list:acls"] = new JsonObject { ["acl"] = acls },
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonObject Acl(string name, int version, IEnumerable<JsonObject> aces) => new()
    {
        ["name"] = name,
        ["type"] = version == 4 ? "ipv4-acl-type" : "ipv6-acl-type",
        ["aces"] = new JsonObject { ["ace"] = new JsonArray(aces.ToArray<JsonNode?>()) },
    };

    private static JsonObject Ace(string name, DraftRule rule, bool fromDevice)
    {
        var ip = new JsonObject { ["protocol"] = rule.Protocol };
        var matches = new JsonObject { [rule.IpVersion == 4 ? "ipv4" : "ipv6"] = ip };
        var remote = rule.Remote;
        if (remote.DnsName is { } dns)
            ip[fromDevice ? "ietf-acldns:dst-dnsname" : "ietf-acldns:src-dnsname"] = dns;
        else if (remote.Network is { } network)
            ip[(fromDevice ? "destination-" : "source-") + (rule.IpVersion == 4 ? "ipv4-network" : "ipv6-network")] = network;
        else
            matches["ietf-mud:mud"] = new JsonObject { ["local-networks"] = new JsonArray((JsonNode?)null) };
        if (rule.ServicePort is { } port)
        {
            // The service port is the remote's when the device is the client, the device's otherwise.
            var remoteSide = rule.DeviceIsClient;
            var portKey = (fromDevice == remoteSide) ? "destination-port" : "source-port";
            var l4 = new JsonObject { [portKey] = new JsonObject { ["operator"] = "eq", ["port"] = port } };
            if (rule.Protocol == 6 && rule.InitiatorKnown && fromDevice == rule.DeviceIsClient)
                l4["ietf-mud:direction-initiated"] = rule.DeviceIsClient ? "from-device" : "to-device";
            matches[rule.Protocol == 6 ? "tcp" : "udp"] = l4;
        }
        return new JsonObject
        {
            ["name"] = name,
            ["matches"] = matches,
            ["actions"] = new JsonObject { ["forwarding"] = "accept" },
        };
    }
}
