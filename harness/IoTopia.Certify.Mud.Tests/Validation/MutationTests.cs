using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using static IoTopia.Certify.Mud.Tests.Support.Glow40;

namespace IoTopia.Certify.Mud.Tests.Validation;

/// <summary>
/// For each rule, one edit of the valid fixture: an error rule must make the file invalid and name
/// itself; a warning rule must name itself and leave the file valid.
/// </summary>
public class MutationTests
{
    public static IEnumerable<Mutation> Mutations()
    {
        yield return Mutation.Error("mud-version", "mud-version 2", t => Container(t)["mud-version"] = 2);
        yield return Mutation.Error("mud-url-https", "http MUD URL", t => Container(t)["mud-url"] = "http://bulbs.example.net/mud/glow-40.json");
        yield return Mutation.Error("mud-url-https", "relative MUD URL", t => Container(t)["mud-url"] = "/mud/glow-40.json");
        yield return Mutation.Error("cache-validity-range", "cache-validity 0", t => Container(t)["cache-validity"] = 0);
        yield return Mutation.Error("cache-validity-range", "cache-validity 169", t => Container(t)["cache-validity"] = 169);
        yield return Mutation.Error("last-update-format", "last-update without time zone", t => Container(t)["last-update"] = "2026-03-01T09:30:00");
        yield return Mutation.Error("mandatory-leaf", "no mud-version", t => Container(t).Remove("mud-version"));
        yield return Mutation.Error("mandatory-leaf", "no mud-url", t => Container(t).Remove("mud-url"));
        yield return Mutation.Error("mandatory-leaf", "no last-update", t => Container(t).Remove("last-update"));
        yield return Mutation.Error("mandatory-leaf", "no is-supported", t => Container(t).Remove("is-supported"));
        yield return Mutation.Error("mandatory-leaf", "no ietf-mud:mud", t => t.Remove("ietf-mud:mud"));
        yield return Mutation.Error("mandatory-leaf", "ACE without actions", t => AceNode(t, 0, 1).Remove("actions"));
        yield return Mutation.Error("mandatory-leaf", "ACE without forwarding", t => AceNode(t, 0, 1)["actions"]!.AsObject().Remove("forwarding"));
        yield return Mutation.Error("mandatory-leaf", "ACE without name", t => AceNode(t, 0, 1).Remove("name"));
        yield return Mutation.Error("mandatory-leaf", "port match without port", t => AceNode(t, 0, 1)["matches"]!["tcp"]!["destination-port"]!.AsObject().Remove("port"));
        yield return Mutation.Error("acl-reference", "policy names a missing ACL", t => Policy(t, "from-device-policy")[0]!["name"] = "glow40-missing");
        yield return Mutation.Error("acl-reference", "policy names an ACL twice", t => Policy(t, "to-device-policy").Add(new JsonObject { ["name"] = "glow40-v4-to" }));
        yield return Mutation.Error("acl-name-unique", "two ACLs share a name", t => AclNode(t, 1)["name"] = "glow40-v4-from");
        yield return Mutation.Error("ace-name-unique", "two ACEs share a name", t => AceNode(t, 0, 2)["name"] = "cloud-https");
        yield return Mutation.Error("acl-type-identity", "type ipv4", t => AclNode(t, 0)["type"] = "ipv4");
        yield return Mutation.Error("acl-type-identity", "type of another module", t => AclNode(t, 0)["type"] = "other-module:ipv4-acl-type");
        yield return Mutation.Error("yang-empty", "local-networks as []", t => AceNode(t, 0, 4)["matches"]!["ietf-mud:mud"]!["local-networks"] = new JsonArray());
        yield return Mutation.Error("yang-empty", "my-controller as true", t => AceNode(t, 0, 3)["matches"]!["ietf-mud:mud"]!["my-controller"] = true);
        yield return Mutation.TextError("duplicate-key", "mud-version twice", s => s.Replace("\"mud-version\": 1,", "\"mud-version\": 1,\n    \"mud-version\": 1,", StringComparison.Ordinal));
        yield return Mutation.Error("extensions-declared", "transparency not declared", t => Container(t).Remove("extensions"));
        yield return Mutation.Error("pre-rfc-draft", "acl-type instead of type", t => Rename(AclNode(t, 0), "type", "acl-type"));
        yield return Mutation.Error("pre-rfc-draft", "access-list-entries instead of aces", t => Rename(AclNode(t, 1), "aces", "access-list-entries"));
        yield return Mutation.Error("pre-rfc-draft", "rule-name instead of name", t => Rename(AceNode(t, 0, 0), "name", "rule-name"));
        yield return Mutation.Error("pre-rfc-draft", "ipv6-acl instead of ipv6", t => Rename(AceNode(t, 1, 0)["matches"]!.AsObject(), "ipv6", "ipv6-acl"));
        yield return Mutation.Error("yang-type", "is-supported as a string", t => Container(t)["is-supported"] = "true");
        yield return Mutation.Error("yang-type", "cache-validity as a string", t => Container(t)["cache-validity"] = "48");
        yield return Mutation.Error("yang-type", "protocol 300", t => AceNode(t, 0, 1)["matches"]!["ipv4"]!["protocol"] = 300);
        yield return Mutation.Error("yang-type", "dnsname with a space", t => AceNode(t, 0, 1)["matches"]!["ipv4"]!["ietf-acldns:dst-dnsname"] = "api bulbs.example.net");
        yield return Mutation.Error("yang-type", "prefix length 33", t => AceNode(t, 0, 4)["matches"]!["ipv4"]!["destination-ipv4-network"] = "239.255.255.250/33");
        yield return Mutation.Error("yang-type", "IPv6 prefix in an ipv4 match", t => AceNode(t, 0, 4)["matches"]!["ipv4"]!["destination-ipv4-network"] = "ff02::c/128");
        yield return Mutation.Error("yang-type", "bad MAC address", t => AceNode(t, 2, 0)["matches"]!["eth"]!["destination-mac-address"] = "01-80-c2-00-00-03");
        yield return Mutation.Error("yang-type", "direction-initiated sideways", t => AceNode(t, 0, 1)["matches"]!["tcp"]!["ietf-mud:direction-initiated"] = "sideways");
        yield return Mutation.Error("yang-type", "controller not a URI", t => AceNode(t, 0, 2)["matches"]!["ietf-mud:mud"]!["controller"] = "ntp servers");
        yield return Mutation.Error("yang-type", "port 70000", t => AceNode(t, 0, 1)["matches"]!["tcp"]!["destination-port"]!["port"] = 70000);
        yield return Mutation.Error("port-match", "operator lt (not RFC 8519)", t => AceNode(t, 0, 1)["matches"]!["tcp"]!["destination-port"]!["operator"] = "lt");
        yield return Mutation.Error("port-match", "lower-port above upper-port", t => AceNode(t, 0, 3)["matches"]!["udp"]!["destination-port"]!["lower-port"] = 6000);
        yield return Mutation.Error("port-match", "operator and range together", t => AceNode(t, 0, 3)["matches"]!["udp"]!["destination-port"]!["port"] = 5683);
        yield return Mutation.Error("forwarding-action", "forwarding permit", t => AceNode(t, 0, 1)["actions"]!["forwarding"] = "permit");
        yield return Mutation.Error("yang-choice", "ipv4 and ipv6 in one ACE", t => AceNode(t, 0, 1)["matches"]!["ipv6"] = new JsonObject { ["protocol"] = 6 });
        yield return Mutation.Error("yang-choice", "two SBOM retrieval methods", t => Container(t)["ietf-mud-transparency:transparency"]!["sbom-contact-uri"] = "mailto:sbom@bulbs.example.net");
        yield return Mutation.Error("yang-choice", "tcp and udp in one ACE", t => AceNode(t, 0, 1)["matches"]!["udp"] = new JsonObject());
        yield return Mutation.Warning("legacy-access-lists", "pre-RFC acls key", t => Rename(t, "ietf-access-control-list:acls", "ietf-access-control-list:access-lists"));
        yield return Mutation.Warning("ethernet-acl-type", "ethernet-acl-type", t => AclNode(t, 2)["type"] = "ethernet-acl-type");
        yield return Mutation.Warning("ethertype-hex-string", "ethertype as hex string", t => AceNode(t, 2, 0)["matches"]!["eth"]!["ethertype"] = "0x888e");
        yield return Mutation.Warning("controller-urn-unregistered", "gateway controller URN", t => AceNode(t, 0, 2)["matches"]!["ietf-mud:mud"]!["controller"] = "urn:ietf:params:mud:gateway");
        yield return Mutation.Warning("acl-unused", "ACL in no policy", t => Policy(t, "from-device-policy").RemoveAt(2));
        yield return Mutation.Warning("match-acl-type", "eth match in an ipv4 ACL", t => AceNode(t, 0, 1)["matches"]!["eth"] = new JsonObject { ["ethertype"] = 2048 });
        yield return Mutation.Warning("l4-protocol", "tcp match with protocol 17", t => AceNode(t, 0, 1)["matches"]!["ipv4"]!["protocol"] = 17);
        yield return Mutation.Warning("ace-matches-any", "accepting ACE without matches", t => AceNode(t, 0, 1).Remove("matches"));
        yield return Mutation.Warning("unknown-member", "unknown leaf in the mud container", t => Container(t)["colour"] = "warm white");
        yield return Mutation.Warning("unknown-member", "unknown leaf in a match", t => AceNode(t, 0, 1)["matches"]!["ipv4"]!["acldns:dst-dnsname"] = "x.example.net");
        yield return Mutation.Warning("unsupported-match", "ttl match", t => AceNode(t, 0, 1)["matches"]!["ipv4"]!["ttl"] = 64);
        yield return Mutation.Warning("systeminfo-length", "systeminfo of 80 characters", t => Container(t)["systeminfo"] = new string('x', 80));
        yield return Mutation.Warning("module-prefix", "transparency under its YANG prefix", t => Rename(Container(t), "ietf-mud-transparency:transparency", "mudtx:transparency"));
        yield return Mutation.TextError("json-syntax", "truncated file", s => s[..(s.Length / 2)]);
        yield return Mutation.TextError("json-syntax", "trailing comma", s => s.Replace("\"mfg-name\": \"Example Bulbs\",", "\"mfg-name\": \"Example Bulbs\",,", StringComparison.Ordinal));
    }

    [TestCaseSource(nameof(Mutations))]
    public void EditIsNamedByItsRule(Mutation mutation)
    {
        var text = mutation.Apply(Glow40.Text);
        Assert.That(text, Is.Not.EqualTo(Glow40.Text), "the edit changed nothing");
        var result = Glow40.Validate(text);
        var named = result.Problems.Where(p => p.Rule == mutation.Rule && p.Severity == mutation.Severity).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(named, Is.Not.Empty, $"expected {mutation.Severity} {mutation.Rule}; got:\n{string.Join("\n", result.Problems)}");
            Assert.That(result.IsValid, Is.EqualTo(mutation.Severity == Severity.Warning), string.Join("\n", result.Problems));
            Assert.That(named.All(p => p.Line > 0 && p.Path.StartsWith('$') && p.File == "glow40.json"), Is.True, string.Join("\n", named));
        });
    }

    [Test]
    public void EveryRuleIsExercised()
    {
        var rules = Mutations().Select(m => m.Rule).ToHashSet();
        string[] required =
        [
            "mud-version", "mud-url-https", "cache-validity-range", "acl-reference", "acl-name-unique", "ace-name-unique",
            "acl-type-identity", "yang-empty", "duplicate-key", "extensions-declared", "legacy-access-lists", "ethernet-acl-type",
            "ethertype-hex-string", "controller-urn-unregistered", "pre-rfc-draft", "mandatory-leaf",
        ];
        Assert.That(rules, Is.SupersetOf(required));
    }

    [Test]
    public void PreRfcDraftSaysSo()
    {
        var result = Glow40.Validate(Mutations().First(m => m.Rule == "pre-rfc-draft").Apply(Glow40.Text));
        Assert.That(result.Problems.Single(p => p.Rule == "pre-rfc-draft").Message, Does.Contain("pre-RFC draft").And.Contain("not RFC 8520"));
    }

    [Test]
    public void DuplicateKeyNamesTheSecondOccurrence()
    {
        var text = Mutations().First(m => m.Rule == "duplicate-key").Apply(Glow40.Text);
        var problem = Glow40.Validate(text).Problems.Single(p => p.Rule == "duplicate-key");
        Assert.Multiple(() =>
        {
            Assert.That(problem.Line, Is.EqualTo(4));
            Assert.That(problem.Path, Is.EqualTo("$.ietf-mud:mud.mud-version"));
            Assert.That(problem.Message, Does.Contain("first on line 3"));
        });
    }

    private static JsonArray Policy(JsonObject tree, string policy) => Container(tree)[policy]!["access-lists"]!["access-list"]!.AsArray();

    private static void Rename(JsonObject parent, string from, string to)
    {
        var value = parent[from];
        parent.Remove(from);
        parent[to] = value;
    }
}
