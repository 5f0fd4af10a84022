using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>ACE kinds beyond the fixture's: deny actions, unmodelled leaves, eth matches, the manufacturer abstractions, IPv6.</summary>
public class AceVariantTests
{
    private const string OtherThingMac = "02:00:00:00:00:33";
    private const string OtherThingIp = "192.168.1.33";

    private static MudFile Mud(JsonObject? fromAce, JsonObject? toAce = null, string? mudUrl = null) => SensorVariant.MudWith(fromAce, toAce, mudUrl);

    private static JsonObject Ace(string name, string matches, string action = "accept") => SensorVariant.Ace(name, matches, action);

    private static CheckReport Check(MudFile mud, DeviceTraffic traffic) => SensorVariant.Check(mud, traffic);

    [Test]
    public void FirstMatchingDropAceDenies()
    {
        var mud = Mud(Ace("no-api", $$$"""{"ipv4": {"ietf-acldns:dst-dnsname": "{{{Sensor.Api}}}"}}""", "drop"));
        var report = Check(mud, Sensor.Compliant());
        var flow = report.To(Sensor.ApiIp);
        Assert.Multiple(() =>
        {
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Violation));
            Assert.That(flow.Reason, Does.Contain("denied by ACE from-ipv4-sensor/no-api (drop)"));
        });
    }

    [Test]
    public void AceWithUnmodelledLeavesNeverAllows()
    {
        var mud = Mud(Ace("ttl-bound", """{"ipv4": {"protocol": 6, "ttl": 1}, "tcp": {"destination-port": {"operator": "eq", "port": 9000}}}"""));
        var report = Check(mud, new DeviceTraffic().DeviceConnects("192.168.1.50", 9000));
        var flow = report.To("192.168.1.50");
        Assert.Multiple(() =>
        {
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Violation));
            Assert.That(flow.Reason, Does.Contain("ttl-bound would allow it but has match leaves this checker does not model"));
        });
    }

    [Test]
    public void PortOperatorsGteAndNeq()
    {
        var mud = Mud(
            Ace("high", """{"ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "gte", "port": 10000}}}"""),
            Ace("high-back", """{"ipv4": {"protocol": 17}, "udp": {"source-port": {"operator": "neq", "port": 9999}}}"""));
        var above = Check(mud, new DeviceTraffic().UdpExchange("198.51.100.40", 10000));
        var below = Check(mud, new DeviceTraffic().UdpExchange("198.51.100.40", 9999));
        Assert.Multiple(() =>
        {
            Assert.That(above.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(above));
            Assert.That(below.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void SameManufacturerAndModelMatchThingsByTheUrlsTheyEmitted()
    {
        var sameAuthority = "https://sensor.example/mud/hub.json";
        var mud = Mud(
            Ace("siblings", """{"ietf-mud:mud": {"same-manufacturer": [null]}, "ipv4": {"protocol": 6}}"""),
            Ace("siblings-back", $$$"""{"ietf-mud:mud": {"model": "{{{sameAuthority}}}"}, "ipv4": {"protocol": 6}}"""));
        DeviceTraffic Traffic(string url) => new DeviceTraffic()
            .Frame(FrameBuilder.Ethernet(OtherThingMac, "ff:ff:ff:ff:ff:ff", 0x0800,
                FrameBuilder.Ip("0.0.0.0", "255.255.255.255", 17, FrameBuilder.Udp(68, 67, FrameBuilder.DhcpDiscover(OtherThingMac, url)))))
            .Frame(FrameBuilder.Ethernet(OtherThingMac, DeviceTraffic.GatewayMac, 0x0800, FrameBuilder.Ip(OtherThingIp, DeviceTraffic.GatewayIp, 17, FrameBuilder.Udp(5000, 5000, [1]))))
            .DeviceConnects(OtherThingIp, 7000);
        var sibling = Check(mud, Traffic(sameAuthority));
        var stranger = Check(mud, Traffic("https://other.example/mud/hub.json"));
        Assert.Multiple(() =>
        {
            Assert.That(sibling.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(sibling));
            Assert.That(sibling.To(OtherThingIp).Directions.Select(d => d.DecidedBy!.Ace), Is.EqualTo(new[] { "siblings", "siblings-back" }));
            Assert.That(stranger.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void ManufacturerMatchesTheAuthority()
    {
        var mud = Mud(
            Ace("vendor", """{"ietf-mud:mud": {"manufacturer": "lights.example"}, "ipv4": {"protocol": 6}}"""),
            Ace("vendor-back", """{"ietf-mud:mud": {"manufacturer": "lights.example"}, "ipv4": {"protocol": 6}}"""));
        var traffic = new DeviceTraffic()
            .Frame(FrameBuilder.Ethernet(OtherThingMac, "01:80:c2:00:00:0e", 0x88CC, FrameBuilder.Lldp("https://lights.example/bulb.json")))
            .Frame(FrameBuilder.Ethernet(OtherThingMac, DeviceTraffic.GatewayMac, 0x0800, FrameBuilder.Ip(OtherThingIp, DeviceTraffic.GatewayIp, 17, FrameBuilder.Udp(5000, 5000, [1]))))
            .DeviceConnects(OtherThingIp, 7000);
        var report = Check(mud, traffic);
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
    }

    [Test]
    public void MyControllerIsTheControllerNamedByThisFilesUrl()
    {
        var mud = Mud(
            Ace("mine", """{"ietf-mud:mud": {"my-controller": [null]}, "ipv4": {"protocol": 6}}"""),
            Ace("mine-back", """{"ietf-mud:mud": {"my-controller": [null]}, "ipv4": {"protocol": 6}}"""));
        var traffic = new DeviceTraffic().DeviceConnects("198.51.100.70", 7000);
        using var folder = new TempFolder();
        var path = traffic.Write(folder);
        var settings = Sensor.Settings(s => s with { Controllers = [KeyValuePair.Create(mud.MudUrl!, Sensor.Ip("198.51.100.70"))] });
        var report = FlowJudge.Judge(mud, CaptureAnalyzer.Analyze(path, settings), settings);
        var without = Check(mud, traffic);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(without.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void EthertypeAceJudgesNonIpFrames()
    {
        var mud = Mud(Ace("lldp-like", """{"eth": {"ethertype": "0x88b5"}}"""));
        var frame = FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "02:00:00:00:00:44", 0x88B5, new byte[20]);
        var other = FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "02:00:00:00:00:44", 0x88B6, new byte[20]);
        var allowed = Check(mud, Sensor.Compliant().Frame(frame));
        var denied = Check(mud, Sensor.Compliant().Frame(other));
        Assert.Multiple(() =>
        {
            Assert.That(allowed.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(allowed));
            Assert.That(denied.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(denied.Violations.Single().Flow.ProtocolName, Is.EqualTo("ethertype 0x88b6"));
        });
    }

    [Test]
    public void Ipv6FlowsNeedIpv6Aces()
    {
        var traffic = new DeviceTraffic()
            .Resolve(Sensor.Api, (Sensor.Api, "AAAA", "2001:db8::10"))
            .DeviceConnects("2001:db8::10", 443);
        var report = Check(Sensor.Mud(), traffic);
        var v6 = report.To("2001:db8::10");
        Assert.Multiple(() =>
        {
            Assert.That(v6.NameTexts, Is.EqualTo(new[] { Sensor.Api }));
            Assert.That(v6.Outcome, Is.EqualTo(FlowOutcome.Violation), "the fixture's ACLs are ipv4 only");
        });
    }
}
