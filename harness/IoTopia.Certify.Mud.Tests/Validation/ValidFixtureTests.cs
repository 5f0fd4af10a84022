using System.Net;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Validation;

/// <summary>The valid fixture has no problem at all, and the model carries what a flow matcher needs.</summary>
public class ValidFixtureTests
{
    private MudFile mud = null!;

    [OneTimeSetUp]
    public void Validate()
    {
        var result = MudValidator.ValidateFile(Glow40.Path);
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.That(result.IsValid, Is.True);
        mud = result.Mud!;
    }

    [Test]
    public void MudContainerLeavesAreRead()
    {
        Assert.Multiple(() =>
        {
            Assert.That(mud.MudVersion, Is.EqualTo(1));
            Assert.That(mud.MudUrl, Is.EqualTo("https://bulbs.example.net/mud/glow-40.json"));
            Assert.That(mud.Authority, Is.EqualTo("bulbs.example.net"));
            Assert.That(mud.LastUpdate, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(1))));
            Assert.That(mud.CacheValidityHours, Is.EqualTo(48));
            Assert.That(mud.CacheValidityDeclared, Is.True);
            Assert.That(mud.IsSupported, Is.True);
            Assert.That(mud.Extensions, Is.EqualTo(new[] { "transparency" }));
            Assert.That(mud.Transparency!.SbomLocalWellKnown, Is.EqualTo("https"));
            Assert.That(mud.Transparency.VulnUrls, Is.EqualTo(new[] { "https://bulbs.example.net/csaf/glow-40.json" }));
        });
    }

    [Test]
    public void PoliciesResolveToAclsInOrder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(mud.Policy(Direction.FromDevice).Select(a => a.Name), Is.EqualTo(new[] { "glow40-v4-from", "glow40-v6-from", "glow40-eth-from" }));
            Assert.That(mud.Policy(Direction.ToDevice).Select(a => a.Name), Is.EqualTo(new[] { "glow40-v4-to" }));
            Assert.That(mud.Policy(Direction.FromDevice)[0].Type, Is.EqualTo(AclType.Ipv4));
            Assert.That(mud.Policy(Direction.FromDevice)[1].Type, Is.EqualTo(AclType.Ipv6));
            Assert.That(mud.Policy(Direction.FromDevice)[2].Type, Is.EqualTo(AclType.Eth));
        });
    }

    [Test]
    public void AceMatchesCarryNamesPortsAndDirection()
    {
        var from = mud.Policy(Direction.FromDevice)[0].Aces;
        Assert.Multiple(() =>
        {
            Assert.That(from[0].Action, Is.EqualTo(ForwardingAction.Drop));
            Assert.That(from[1].Name, Is.EqualTo("cloud-https"));
            Assert.That(from[1].Action, Is.EqualTo(ForwardingAction.Accept));
            Assert.That(from[1].Matches.Ipv4!.DestinationDnsName, Is.EqualTo("api.bulbs.example.net"));
            Assert.That(from[1].Matches.Ipv4!.Protocol, Is.EqualTo(6));
            Assert.That(from[1].Matches.Tcp!.DirectionInitiated, Is.EqualTo(Direction.FromDevice));
            Assert.That(from[1].Matches.Tcp!.DestinationPort!.Matches(443), Is.True);
            Assert.That(from[1].Matches.Tcp!.DestinationPort!.Matches(80), Is.False);
            Assert.That(from[3].Matches.Udp!.DestinationPort!.Operator, Is.EqualTo(PortOperator.Range));
            Assert.That(from[3].Matches.Udp!.DestinationPort!.Matches(5684), Is.True);
            Assert.That(from[3].Matches.Udp!.DestinationPort!.Matches(5685), Is.False);
            Assert.That(from[5].Matches.Tcp!.DestinationPort!.Matches(50000), Is.True);
            Assert.That(from[5].Matches.Tcp!.DestinationPort!.Matches(8080), Is.False);
            Assert.That(from[1].Location.Path, Is.EqualTo("$.ietf-access-control-list:acls.acl[0].aces.ace[1]"));
            Assert.That(from[1].Location.Line, Is.GreaterThan(1));
        });
    }

    [Test]
    public void MudAbstractionsAreRead()
    {
        var from = mud.Policy(Direction.FromDevice);
        var to = mud.Policy(Direction.ToDevice)[0].Aces;
        Assert.Multiple(() =>
        {
            Assert.That(from[0].Aces[2].Matches.Mud!.Controller, Is.EqualTo(MudMatch.NtpControllerUrn));
            Assert.That(from[0].Aces[3].Matches.Mud!.MyController, Is.True);
            Assert.That(from[0].Aces[4].Matches.Mud!.LocalNetworks, Is.True);
            Assert.That(from[0].Aces[4].Matches.Ipv4!.DestinationNetwork, Is.EqualTo(IPNetwork.Parse("239.255.255.250/32")));
            Assert.That(from[0].Aces[5].Matches.Mud!.SameManufacturer, Is.True);
            Assert.That(from[1].Aces[1].Matches.Mud!.Manufacturer, Is.EqualTo("hubs.example.org"));
            Assert.That(from[1].Aces[1].Matches.Ipv6!.DestinationNetwork!.Value.Contains(IPAddress.Parse("fd00:40::7")), Is.True);
            Assert.That(to[1].Matches.Tcp!.DirectionInitiated, Is.EqualTo(Direction.ToDevice));
            Assert.That(to[2].Matches.Icmp!.Type, Is.EqualTo(8));
            Assert.That(to[2].Matches.Ipv4!.SourceNetwork!.Value.Contains(IPAddress.Parse("192.168.3.4")), Is.True);
            Assert.That(to[3].Matches.Mud!.Model, Is.EqualTo("https://bulbs.example.net/mud/glow-40.json"));
            Assert.That(to[3].Matches.Udp!.SourcePort!.Matches(0), Is.False);
            Assert.That(to[4].Matches.Udp!.SourcePort!.Matches(53), Is.True);
            Assert.That(to.All(a => a.Matches.Unmodelled.Count == 0), Is.True);
        });
    }

    [Test]
    public void EthMatchIsNormalised()
    {
        var eth = mud.Policy(Direction.FromDevice)[2].Aces[0].Matches.Eth!;
        Assert.Multiple(() =>
        {
            Assert.That(eth.DestinationMac, Is.EqualTo("01:80:c2:00:00:03"));
            Assert.That(eth.Ethertype, Is.EqualTo(0x888E));
        });
    }

    [Test]
    public void FactsNameSupportAndTransparency()
    {
        var facts = MudValidator.ValidateFile(Glow40.Path).Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Multiple(() =>
        {
            Assert.That(facts["is-supported"], Is.EqualTo("true"));
            Assert.That(facts, Does.Not.ContainKey("end-of-support"));
            Assert.That(facts["transparency"], Does.Contain("RFC 9472").And.Contain("https://bulbs.example.net/csaf/glow-40.json"));
            Assert.That(facts["policies"], Is.EqualTo("from-device 3 ACLs, 9 ACEs; to-device 1 ACLs, 5 ACEs"));
        });
    }

    [Test]
    public void EndOfSupportIsAFactNotAProblem()
    {
        var tree = Glow40.Tree();
        Glow40.Container(tree)["is-supported"] = false;
        var result = Glow40.Validate(tree);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Mud!.IsSupported, Is.False);
            Assert.That(result.Facts.Single(f => f.Name == "end-of-support").Value, Does.Contain("no further"));
        });
    }

    [Test]
    public void CacheValidityDefaultsTo48Hours()
    {
        var tree = Glow40.Tree();
        Glow40.Container(tree).Remove("cache-validity");
        var result = Glow40.Validate(tree);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Mud!.CacheValidityHours, Is.EqualTo(48));
            Assert.That(result.Mud.CacheValidityDeclared, Is.False);
            Assert.That(result.Facts.Single(f => f.Name == "cache-validity").Value, Is.EqualTo("48 hours (default)"));
        });
    }

    [Test]
    public void MembersOfADeclaredExtensionAreNotFlagged()
    {
        var tree = Glow40.Tree();
        Glow40.Container(tree)["extensions"]!.AsArray().Add("ol");
        Glow40.Container(tree)["ol"] = new System.Text.Json.Nodes.JsonObject { ["spdx-tag"] = "0BSD" };
        var result = Glow40.Validate(tree);
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
            Assert.That(result.Facts.Single(f => f.Name == "extensions").Value, Is.EqualTo("transparency, ol"));
        });
    }

    [Test]
    public void TransparencyCloudSbomsAreRead()
    {
        var tree = Glow40.Tree();
        var transparency = Glow40.Container(tree)["ietf-mud-transparency:transparency"]!.AsObject();
        transparency.Remove("sbom-local-well-known");
        transparency["sboms"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"version-info": "1.2.0", "sbom-url": "https://bulbs.example.net/sbom/1.2.0.cdx.json"}]""");
        var result = Glow40.Validate(tree);
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
            Assert.That(result.Mud!.Transparency!.Sboms.Single(), Is.EqualTo(new SbomLocation("1.2.0", "https://bulbs.example.net/sbom/1.2.0.cdx.json")));
        });
    }
}
