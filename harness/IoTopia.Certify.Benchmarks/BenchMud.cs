using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Benchmarks;

/// <summary>The benchmark device's MUD file: a few dnsname ACEs (most flows pass them by, as in real files) and one network ACE that allows the rest.</summary>
public static class BenchMud
{
    public static string Json(int namedHosts)
    {
        JsonObject Ace(string name, bool fromDevice, JsonObject ip) => new()
        {
            ["name"] = name,
            ["matches"] = new JsonObject
            {
                ["ipv4"] = ip,
                ["tcp"] = fromDevice
                    ? new JsonObject { ["destination-port"] = new JsonObject { ["operator"] = "eq", ["port"] = 443 }, ["ietf-mud:direction-initiated"] = "from-device" }
                    : new JsonObject { ["source-port"] = new JsonObject { ["operator"] = "eq", ["port"] = 443 } },
            },
            ["actions"] = new JsonObject { ["forwarding"] = "accept" },
        };
        JsonArray Aces(bool fromDevice)
        {
            var aces = new JsonArray();
            for (var i = 0; i < namedHosts; i++)
                aces.Add(Ace($"{(fromDevice ? "from" : "to")}-name-{i}", fromDevice, new JsonObject
                {
                    ["protocol"] = 6,
                    [fromDevice ? "ietf-acldns:dst-dnsname" : "ietf-acldns:src-dnsname"] = BenchCapture.HostName(i),
                }));
            aces.Add(Ace($"{(fromDevice ? "from" : "to")}-cloud", fromDevice, new JsonObject
            {
                ["protocol"] = 6,
                [fromDevice ? "destination-ipv4-network" : "source-ipv4-network"] = "198.18.0.0/15",
            }));
            return aces;
        }
        var root = new JsonObject
        {
            ["ietf-mud:mud"] = new JsonObject
            {
                ["mud-version"] = 1,
                ["mud-url"] = "https://bench.example/mud/device.json",
                ["last-update"] = "2026-11-24T00:00:00Z",
                ["is-supported"] = true,
                ["from-device-policy"] = new JsonObject { ["access-lists"] = new JsonObject { ["access-list"] = new JsonArray(new JsonObject { ["name"] = "from" }) } },
                ["to-device-policy"] = new JsonObject { ["access-lists"] = new JsonObject { ["access-list"] = new JsonArray(new JsonObject { ["name"] = "to" }) } },
            },
            ["ietf-access-control-list:acls"] = new JsonObject
            {
                ["acl"] = new JsonArray(
                    new JsonObject { ["name"] = "from", ["type"] = "ipv4-acl-type", ["aces"] = new JsonObject { ["ace"] = Aces(true) } },
                    new JsonObject { ["name"] = "to", ["type"] = "ipv4-acl-type", ["aces"] = new JsonObject { ["ace"] = Aces(false) } }),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
