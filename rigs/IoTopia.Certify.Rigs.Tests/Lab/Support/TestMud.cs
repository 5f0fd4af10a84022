using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>Small valid MUD files for the tests: HTTPS from the device to one cloud name, and nothing else.</summary>
public static class TestMud
{
    public const string Cloud = "telemetry.intent.example";

    public static byte[] File(string mudUrl, string? signatureUrl, string cloud = Cloud, int port = 443)
    {
        var signature = signatureUrl is null ? "" : $"\"mud-signature\": \"{signatureUrl}\",";
        return Encoding.UTF8.GetBytes($$"""
            {
              "ietf-mud:mud": {
                "mud-version": 1,
                "mud-url": "{{mudUrl}}",
                "last-update": "2026-11-01T00:00:00Z",
                {{signature}}
                "cache-validity": 48,
                "is-supported": true,
                "systeminfo": "intent test device",
                "from-device-policy": { "access-lists": { "access-list": [ { "name": "from-dev" } ] } },
                "to-device-policy": { "access-lists": { "access-list": [ { "name": "to-dev" } ] } }
              },
              "ietf-access-control-list:acls": {
                "acl": [
                  { "name": "from-dev", "type": "ipv4-acl-type", "aces": { "ace": [ {
                      "name": "cloud",
                      "matches": { "ipv4": { "protocol": 6, "ietf-acldns:dst-dnsname": "{{cloud}}" },
                                   "tcp": { "destination-port": { "operator": "eq", "port": {{port}} }, "ietf-mud:direction-initiated": "from-device" } },
                      "actions": { "forwarding": "accept" } } ] } },
                  { "name": "to-dev", "type": "ipv4-acl-type", "aces": { "ace": [ {
                      "name": "cloud-back",
                      "matches": { "ipv4": { "protocol": 6, "ietf-acldns:src-dnsname": "{{cloud}}" },
                                   "tcp": { "source-port": { "operator": "eq", "port": {{port}} } } },
                      "actions": { "forwarding": "accept" } } ] } }
                ]
              }
            }
            """);
    }
}
