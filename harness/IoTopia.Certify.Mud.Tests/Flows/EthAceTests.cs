using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Support;
using static IoTopia.Certify.Mud.Tests.Flows.SensorVariant;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>
/// RFC 8519 <c>eth</c> matches (ethertype, source and destination MAC with masks) decide IP flows, non-IP frames
/// and infrastructure; a MAC the capture does not carry leaves such an ACE undecided, never silently matched or not.
/// </summary>
public class EthAceTests
{
    private const string Broadcast = "ff:ff:ff:ff:ff:ff";

    [Test]
    public void EthertypeAcesDecideIpFlows()
    {
        var noIpv4 = Check(MudWith(Ace("no-ipv4", """{"eth": {"ethertype": "ipv4"}}""", "drop")), Sensor.Compliant());
        var v6Traffic = Sensor.Compliant().DeviceConnects("fd00::1", 8080);
        var anyIpv6 = Check(MudWith(Ace("any-ipv6", """{"eth": {"ethertype": 34525}}"""), Ace("any-ipv6-back", """{"eth": {"ethertype": "ipv6"}}""")), v6Traffic);
        var without = Check(Sensor.Mud(), v6Traffic);
        Assert.Multiple(() =>
        {
            Assert.That(noIpv4.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(noIpv4.To(Sensor.ApiIp).Reason, Does.Contain("denied by ACE from-ipv4-sensor/no-ipv4 (drop)"));
            Assert.That(anyIpv6.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(anyIpv6));
            Assert.That(anyIpv6.To("fd00::1").Directions.Select(d => d.DecidedBy!.Ace), Is.EqualTo(new[] { "any-ipv6", "any-ipv6-back" }));
            Assert.That(without.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void DestinationMacAllowsTheBroadcastFrameOnly()
    {
        var mud = MudWith(Ace("bcast", """{"eth": {"destination-mac-address": "ff:ff:ff:ff:ff:ff", "ethertype": 2048}, "ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 6667}}}"""));
        var broadcast = Check(mud, Sensor.Compliant().DeviceAnnounces("198.51.100.255", 6667, Broadcast));
        var unicast = Check(mud, Sensor.Compliant().DeviceAnnounces("198.51.100.255", 6667, DeviceTraffic.GatewayMac));
        Assert.Multiple(() =>
        {
            Assert.That(broadcast.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(broadcast));
            Assert.That(broadcast.To("198.51.100.255").Directions.Single().DecidedBy!.Ace, Is.EqualTo("bcast"));
            Assert.That(unicast.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void SourceMacMaskComparesOnlyTheMaskedBits()
    {
        var mud = MudWith(Ace("oui", """{"eth": {"source-mac-address": "02:00:00:aa:bb:cc", "source-mac-address-mask": "ff:ff:ff:00:00:00"}, "ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 7000}}}"""));
        var other = MudWith(Ace("oui", """{"eth": {"source-mac-address": "04:00:00:aa:bb:cc", "source-mac-address-mask": "ff:ff:ff:00:00:00"}, "ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 7000}}}"""));
        var traffic = Sensor.Compliant().DeviceAnnounces("198.51.100.9", 7000, DeviceTraffic.GatewayMac);
        var vendor = Check(mud, traffic);
        var stranger = Check(other, traffic);
        Assert.Multiple(() =>
        {
            Assert.That(vendor.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(vendor));
            Assert.That(stranger.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void EthDropMakesInfrastructureAViolation()
    {
        var lldp = FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "01:80:c2:00:00:0e", 0x88CC, FrameBuilder.Lldp("https://sensor.example/mud/sensor-1.json"));
        var denied = Check(MudWith(Ace("no-lldp", """{"eth": {"ethertype": "lldp"}}""", "drop")), Sensor.Compliant().Frame(lldp));
        var otherType = Check(MudWith(Ace("no-eapol", """{"eth": {"ethertype": "eap"}}""", "drop")), Sensor.Compliant().Frame(lldp));
        var plain = Check(Sensor.Mud(), Sensor.Compliant().Frame(lldp));
        Assert.Multiple(() =>
        {
            Assert.That(denied.Verdict, Is.EqualTo(CheckVerdict.Violations), Sensor.Describe(denied));
            Assert.That(denied.Violations.Single().Flow.Category, Is.EqualTo("LLDP"));
            Assert.That(denied.Violations.Single().Reason, Does.Contain("denied by ACE from-ipv4-sensor/no-lldp (drop)"));
            Assert.That(otherType.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(otherType));
            Assert.That(otherType.Infrastructure.Single().Flow.Category, Is.EqualTo("LLDP"));
            Assert.That(plain.Verdict, Is.EqualTo(CheckVerdict.Compliant), "infrastructure no eth ACE names is not judged");
        });
    }

    [Test]
    public void LengthFieldFramesHaveNoEthertypeToMatch()
    {
        // 0x0026 in the type field is an IEEE 802.3 length: "ethertype 38" names nothing such a frame carries.
        var mud = MudWith(Ace("odd", """{"eth": {"ethertype": 38}}"""));
        var report = Check(mud, Sensor.Compliant().Frame(FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "01:80:c2:00:00:00", 0x0026, new byte[38])));
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations), Sensor.Describe(report));
    }

    [Test]
    public void MacTheCaptureDoesNotCarryLeavesTheFlowUndecided()
    {
        var mud = MudWith(Ace("bcast", """{"eth": {"destination-mac-address": "ff:ff:ff:ff:ff:ff"}, "ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 6667}}}"""));
        var traffic = Sensor.Compliant().DeviceAnnounces("198.51.100.255", 6667, Broadcast);
        var ethernet = Check(mud, traffic);
        var cooked = CheckCooked(mud, traffic);
        var flow = cooked.To("198.51.100.255");
        Assert.Multiple(() =>
        {
            Assert.That(ethernet.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(ethernet));
            Assert.That(cooked.Verdict, Is.EqualTo(CheckVerdict.Inconclusive), Sensor.Describe(cooked));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Inconclusive));
            Assert.That(flow.Reason, Does.Contain("ACE from-ipv4-sensor/bcast would allow it but matches on the destination MAC address, which the capture does not carry"));
            Assert.That(cooked.Reason, Does.Contain("1 flow(s) cannot be decided"));
        });
    }
}
