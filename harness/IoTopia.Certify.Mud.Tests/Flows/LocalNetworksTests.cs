using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>
/// What <c>local-networks</c> covers (RFC 8520: packets that do not traverse toward a default route): the local
/// networks with their directed broadcasts, and — as a destination only — limited broadcast and link-local multicast.
/// Each test has a capture on which the rule decides the verdict, and its counterpart on which it does not apply.
/// </summary>
public class LocalNetworksTests
{
    [Test]
    public void LimitedBroadcastOnTheAllowedPortIsLocal()
    {
        var allowed = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac));
        var otherPort = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("255.255.255.255", 6668, DoorSensor.BroadcastMac));
        Assert.Multiple(() =>
        {
            Assert.That(allowed.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(allowed));
            Assert.That(allowed.To("255.255.255.255").Directions.Single().DecidedBy!.Ace, Is.EqualTo("discovery"));
            Assert.That(otherPort.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(otherPort.To("255.255.255.255").Reason, Does.Contain("from-device: no ACE allows it"));
        });
    }

    [Test]
    public void LimitedBroadcastIsLocalWhateverTheGivenNetworks()
    {
        var report = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac),
            DoorSensor.WithLocalNetworks("10.42.0.0/24"));
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
    }

    [Test]
    public void DirectedBroadcastOfAGivenNetworkIsLocal()
    {
        var traffic = new DeviceTraffic().DeviceAnnounces("192.168.1.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac);
        var ownNetwork = DoorSensor.Check(traffic, DoorSensor.WithLocalNetworks("192.168.1.0/24"));
        var otherNetwork = DoorSensor.Check(traffic, DoorSensor.WithLocalNetworks("192.168.2.0/24"));
        var hostsOnly = DoorSensor.Check(traffic, DoorSensor.WithLocalNetworks("192.168.1.1/32", "192.168.1.2/32"));
        Assert.Multiple(() =>
        {
            Assert.That(ownNetwork.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(ownNetwork));
            Assert.That(otherNetwork.Verdict, Is.EqualTo(CheckVerdict.Violations), "the broadcast of a network that is not local is not local");
            Assert.That(hostsOnly.Verdict, Is.EqualTo(CheckVerdict.Violations), "host routes have no directed broadcast");
        });
    }

    [Test]
    public void DirectedBroadcastOfARoutedNetworkIsNotLocalByDefault()
    {
        var inDefault = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("10.42.0.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac));
        var routed = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("198.51.100.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac));
        Assert.Multiple(() =>
        {
            Assert.That(inDefault.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(inDefault));
            Assert.That(routed.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void MdnsToTheLinkLocalGroupIsLocal()
    {
        var mdns = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("224.0.0.251", 5353, "01:00:5e:00:00:fb", localPort: 5353));
        var siteScope = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("239.255.255.250", 5353, "01:00:5e:7f:ff:fa", localPort: 5353));
        var nextBlock = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("224.0.1.251", 5353, "01:00:5e:00:01:fb", localPort: 5353));
        Assert.Multiple(() =>
        {
            Assert.That(mdns.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(mdns));
            Assert.That(mdns.To("224.0.0.251").Directions.Single().DecidedBy!.Ace, Is.EqualTo("mdns"));
            Assert.That(siteScope.Verdict, Is.EqualTo(CheckVerdict.Violations), "239.0.0.0/8 is routed within a site");
            Assert.That(nextBlock.Verdict, Is.EqualTo(CheckVerdict.Violations), "224.0.1.0/24 is routed");
        });
    }

    [Test]
    public void MdnsToTheIpv6LinkScopeGroupIsLocal()
    {
        var mdns = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("ff02::fb", 5353, "33:33:00:00:00:fb", localPort: 5353));
        var siteScope = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("ff05::fb", 5353, "33:33:00:00:00:fb", localPort: 5353));
        Assert.Multiple(() =>
        {
            Assert.That(mdns.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(mdns));
            Assert.That(mdns.To("ff02::fb").Directions.Single().DecidedBy!.Ace, Is.EqualTo("mdns-v6"));
            Assert.That(siteScope.Verdict, Is.EqualTo(CheckVerdict.Violations), "ff05::/16 is site scope");
        });
    }

    [Test]
    public void BroadcastAsTheSenderOfPacketsToTheDeviceIsNotLocal()
    {
        // One flow device:6667 ↔ 255.255.255.255:6667: the device's broadcast is allowed; a packet to the device that
        // claims to come from 255.255.255.255 is not from a local host (no host sends from a broadcast address).
        var traffic = new DeviceTraffic()
            .DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac, localPort: DoorSensor.DiscoveryPort)
            .ToDevice("255.255.255.255", 17, FrameBuilder.Udp(DoorSensor.DiscoveryPort, DoorSensor.DiscoveryPort, [1]), "02:00:00:00:00:77");
        var fromHost = new DeviceTraffic()
            .DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac, localPort: DoorSensor.DiscoveryPort)
            .ToDevice("192.168.1.77", 17, FrameBuilder.Udp(DoorSensor.DiscoveryPort, DoorSensor.DiscoveryPort, [1]), "02:00:00:00:00:77")
            .FromDevice("192.168.1.77", 17, FrameBuilder.Udp(DoorSensor.DiscoveryPort, DoorSensor.DiscoveryPort, [2]), "02:00:00:00:00:77");
        var spoofed = DoorSensor.Check(traffic);
        var answered = DoorSensor.Check(fromHost);
        var flow = spoofed.To("255.255.255.255");
        Assert.Multiple(() =>
        {
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Violation), Sensor.Describe(spoofed));
            Assert.That(flow.Directions.Select(d => d.Allowed), Is.EqualTo(new[] { true, false }));
            Assert.That(flow.Reason, Does.Contain("to-device: no ACE allows it"));
            Assert.That(answered.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(answered));
        });
    }

    [Test]
    public void DefaultDnsAllowanceIsNotWidenedToBroadcast()
    {
        var report = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("255.255.255.255", 53, DoorSensor.BroadcastMac));
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations), "RFC 8520's default allows local DNS servers, not a broadcast to port 53");
    }

    [Test]
    public void PoliciesSayWhatLocalNetworksCovers()
    {
        var report = DoorSensor.Check(new DeviceTraffic().DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac));
        Assert.That(report.Policies.Single(p => p.StartsWith("local-networks:", StringComparison.Ordinal)),
            Does.Contain("255.255.255.255").And.Contain("224.0.0.0/24").And.Contain("ff02::/16"));
    }
}
