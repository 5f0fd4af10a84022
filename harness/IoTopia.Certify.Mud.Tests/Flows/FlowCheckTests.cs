using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>Flow compliance on scripted captures: each ACE kind and each policy, shown to allow and to catch.</summary>
public class FlowCheckTests
{
    [Test]
    public void CompliantFlowIsAllowedThroughTheCnameChain()
    {
        var report = Sensor.Check(Sensor.Compliant());
        var flow = report.To(Sensor.ApiIp, 443);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Allowed));
            Assert.That(flow.Directions.Select(d => d.DecidedBy!.ToString()), Is.EqualTo(new[] { "from-ipv4-sensor/cloud-https", "to-ipv4-sensor/cloud-https-back" }));
            Assert.That(flow.Names.Select(n => n.ToString()), Does.Contain($"{Sensor.Api} → {Sensor.ApiEdge}"));
            Assert.That(flow.Flow.Sni, Is.EqualTo(Sensor.Api));
            Assert.That(flow.Flow.Initiator, Is.EqualTo(Side.Device));
            Assert.That(report.To(DeviceTraffic.GatewayIp, 53).Directions.First().DecidedBy, Is.EqualTo(AceRef.DefaultDns));
            Assert.That(report.UnusedAces.Select(a => a.Ace), Is.EquivalentTo(new[] { "telemetry", "local-web", "hub", "telemetry-back", "local-web-back", "hub-back" }));
        });
    }

    [Test]
    public void FlowToAHostNoAceAllowsIsAViolationWithTheNameItWasReachedBy()
    {
        var traffic = Sensor.Compliant()
            .Resolve("evil.example", ("evil.example", "A", "198.51.100.7"));
        var first = traffic.Count + 1;
        traffic.DeviceConnects("198.51.100.7", 443);
        var report = Sensor.Check(traffic);
        var flow = report.To("198.51.100.7");
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Violation));
            Assert.That(flow.NameTexts, Is.EqualTo(new[] { "evil.example" }));
            Assert.That(flow.Flow.FirstNumber, Is.EqualTo(first));
            Assert.That(flow.Flow.LastNumber, Is.EqualTo(first + 4));
            Assert.That(flow.Flow.Packets, Is.EqualTo(5));
            Assert.That(flow.Reason, Does.Contain("from-device: no ACE allows it"));
        });
    }

    [Test]
    public void PortOutsideTheAcesRangeIsAViolation()
    {
        var inside = Sensor.Check(new DeviceTraffic()
            .Resolve("telemetry.sensor.example", ("telemetry.sensor.example", "A", Sensor.TelemetryIp))
            .UdpExchange(Sensor.TelemetryIp, 5010));
        var outside = Sensor.Check(new DeviceTraffic()
            .Resolve("telemetry.sensor.example", ("telemetry.sensor.example", "A", Sensor.TelemetryIp))
            .UdpExchange(Sensor.TelemetryIp, 5011));
        Assert.Multiple(() =>
        {
            Assert.That(inside.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(inside));
            Assert.That(inside.To(Sensor.TelemetryIp).Directions[0].DecidedBy!.Ace, Is.EqualTo("telemetry"));
            Assert.That(outside.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(outside.To(Sensor.TelemetryIp).NameTexts, Is.EqualTo(new[] { "telemetry.sensor.example" }));
        });
    }

    [Test]
    public void RemoteStartedConnectionTheAceAllowsOnlyFromTheDeviceIsAViolation()
    {
        var traffic = Sensor.Compliant().RemoteConnects(Sensor.ApiIp, 443, 50000);
        var report = Sensor.Check(traffic);
        var flow = report.Flows.Single(f => f.Flow.Key.DevicePort == 50000);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Violation));
            Assert.That(flow.Flow.Initiator, Is.EqualTo(Side.Remote));
            Assert.That(flow.Directions.Single(d => d.Direction == Direction.FromDevice).Allowed, Is.False);
            Assert.That(flow.Directions.Single(d => d.Direction == Direction.ToDevice).DecidedBy!.Ace, Is.EqualTo("cloud-https-back"));
        });
    }

    [Test]
    public void FlowWhoseStartWasNotCapturedMatchesEitherWayAndIsMarked()
    {
        var traffic = new DeviceTraffic()
            .MidStream(Sensor.ApiIp, 443, 50100)
            .Resolve(Sensor.Api, (Sensor.Api, "A", Sensor.ApiIp));
        var report = Sensor.Check(traffic);
        var flow = report.To(Sensor.ApiIp);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(flow.Flow.InitiatorUnknown, Is.True);
            Assert.That(flow.Directions[0].DecidedBy!.Ace, Is.EqualTo("cloud-https"));
        });
    }

    [Test]
    public void RefusedInboundIsListedNotAViolation()
    {
        var report = Sensor.Check(Sensor.Compliant().RemoteRefused("192.0.2.50", 41000, 23));
        var flow = report.To("192.0.2.50");
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.RefusedInbound));
            Assert.That(flow.Flow.DeviceRefused, Is.True);
        });
    }

    [Test]
    public void InboundConnectionTheDeviceAcceptsIsAViolation()
    {
        var report = Sensor.Check(Sensor.Compliant().RemoteConnects("192.0.2.50", 41000, 23));
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(report.To("192.0.2.50").Outcome, Is.EqualTo(FlowOutcome.Violation));
        });
    }

    [Test]
    public void LocalDnsAndNtpAreAllowedByDefaultOnlyWithLocalHosts()
    {
        var traffic = Sensor.Compliant().UdpExchange(DeviceTraffic.GatewayIp, 123);
        var local = Sensor.Check(traffic);
        var elsewhere = Sensor.Check(traffic, Sensor.Settings(s => s with { LocalNetworks = [System.Net.IPNetwork.Parse("10.0.0.0/8")] }));
        Assert.Multiple(() =>
        {
            Assert.That(local.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(local));
            Assert.That(local.To(DeviceTraffic.GatewayIp, 123).Directions[0].DecidedBy, Is.EqualTo(AceRef.DefaultNtp));
            Assert.That(elsewhere.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(elsewhere.Violations.Select(v => v.Flow.Key.RemotePort), Is.EquivalentTo(new[] { 53, 123 }));
        });
    }

    [Test]
    public void DnsControllerStandsInForALocalResolver()
    {
        var traffic = Sensor.Compliant();
        var settings = Sensor.Settings(s => s with
        {
            LocalNetworks = [System.Net.IPNetwork.Parse("10.0.0.0/8")],
            Controllers = [KeyValuePair.Create(MudMatch.DnsControllerUrn, Sensor.Ip(DeviceTraffic.GatewayIp))],
        });
        var report = Sensor.Check(traffic, settings);
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
    }

    [Test]
    public void LocalNetworksAceAllowsOnlyLocalHosts()
    {
        var local = Sensor.Check(Sensor.Compliant().DeviceConnects("192.168.1.20", 8080));
        var remote = Sensor.Check(Sensor.Compliant().DeviceConnects("198.51.100.20", 8080));
        Assert.Multiple(() =>
        {
            Assert.That(local.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(local));
            Assert.That(local.To("192.168.1.20").Directions[0].DecidedBy!.Ace, Is.EqualTo("local-web"));
            Assert.That(remote.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void ControllerAceAllowsOnlyTheRegisteredHost()
    {
        var traffic = Sensor.Compliant().DeviceConnects("192.168.1.30", 8883);
        var registered = Sensor.Check(traffic, Sensor.Settings(s => s with { Controllers = [KeyValuePair.Create("urn:example:hub", Sensor.Ip("192.168.1.30"))] }));
        var unregistered = Sensor.Check(traffic);
        Assert.Multiple(() =>
        {
            Assert.That(registered.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(registered));
            Assert.That(registered.To("192.168.1.30").Directions.Select(d => d.DecidedBy!.Ace), Is.EqualTo(new[] { "hub", "hub-back" }));
            Assert.That(unregistered.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void ProbeTrafficIsExcluded()
    {
        var traffic = Sensor.Compliant().RemoteConnects("192.168.1.3", 45000, 80);
        var withProbe = Sensor.Check(traffic, Sensor.Settings(s => s with { ProbeAddresses = [Sensor.Ip("192.168.1.3")] }));
        var without = Sensor.Check(traffic);
        Assert.Multiple(() =>
        {
            Assert.That(withProbe.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(withProbe));
            Assert.That(withProbe.Capture.ProbePacketsExcluded, Is.EqualTo(3));
            Assert.That(without.Verdict, Is.EqualTo(CheckVerdict.Violations));
        });
    }

    [Test]
    public void SniNamesAFlowNoDnsAnswerCovers()
    {
        var report = Sensor.Check(new DeviceTraffic().DeviceConnects(Sensor.ApiIp, 443, sni: Sensor.Api));
        var flow = report.To(Sensor.ApiIp);
        Assert.Multiple(() =>
        {
            Assert.That(flow.NameSource, Is.EqualTo("tls-sni"));
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
        });
    }

    [Test]
    public void NoDevicePacketsIsInconclusive()
    {
        var traffic = new DeviceTraffic()
            .Frame(FrameBuilder.Ethernet("02:00:00:00:00:99", DeviceTraffic.GatewayMac, 0x0800, FrameBuilder.Ip("192.168.1.99", "203.0.113.5", 17, FrameBuilder.Udp(1000, 2000, [1]))));
        var report = Sensor.Check(traffic);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive));
            Assert.That(report.Reason, Does.Contain("no packet of the device"));
        });
    }

    [Test]
    public void OnlyPacketsToTheDeviceIsInconclusive()
    {
        var report = Sensor.Check(new DeviceTraffic().ToDevice("192.0.2.50", 6, FrameBuilder.Tcp(41000, 23, FrameBuilder.Syn)));
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive));
            Assert.That(report.RefusedInbound.Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void DhcpArpAndEapolAreInfrastructure()
    {
        var traffic = Sensor.Compliant()
            .Frame(FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "ff:ff:ff:ff:ff:ff", 0x0800, FrameBuilder.Ip("0.0.0.0", "255.255.255.255", 17, FrameBuilder.Udp(68, 67, FrameBuilder.DhcpDiscover(DeviceTraffic.DeviceMac, null)))))
            .Frame(FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "ff:ff:ff:ff:ff:ff", 0x0806, new byte[28]))
            .Frame(FrameBuilder.Ethernet(DeviceTraffic.GatewayMac, DeviceTraffic.DeviceMac, 0x888E, new byte[10]));
        var report = Sensor.Check(traffic);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(report.Infrastructure.Select(f => f.Flow.Category), Is.EquivalentTo(new[] { "DHCP", "ARP", "EAPOL" }));
        });
    }

    [Test]
    public void SelectingByIpWorksWithoutMacs()
    {
        var traffic = Sensor.Compliant();
        using var folder = new TempFolder();
        var raw = traffic.Packets.Select(p => (p.Micros, p.Frame[14..])).ToList();
        var path = folder.Write("raw.pcap", PcapWriter.Classic(raw, linkType: 101));
        var settings = new CheckSettings { Device = DeviceSelector.ByIp(Sensor.Ip(DeviceTraffic.DeviceIp)) };
        var report = FlowJudge.Judge(Sensor.Mud(), CaptureAnalyzer.Analyze(path, settings), settings);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(report.To(Sensor.ApiIp).Directions[0].DecidedBy!.Ace, Is.EqualTo("cloud-https"));
        });
    }

    [Test]
    public void DnsAnswersTheDeviceSendsItselfBindNoNames()
    {
        var spoof = FrameBuilder.Udp(53, 5353, FrameBuilder.DnsResponse(9, Sensor.Api, (Sensor.Api, "A", "198.51.100.9")));
        var traffic = new DeviceTraffic().FromDevice("192.168.1.255", 17, spoof).DeviceConnects("198.51.100.9", 443);
        var report = Sensor.Check(traffic);
        Assert.Multiple(() =>
        {
            Assert.That(report.To("198.51.100.9").Names, Is.Empty);
            Assert.That(report.To("198.51.100.9").Outcome, Is.EqualTo(FlowOutcome.Violation));
        });
    }

    [Test]
    public void UdpTheDeviceRefusesWithIcmpIsRefusedInbound()
    {
        var probe = FrameBuilder.Ip("192.0.2.60", DeviceTraffic.DeviceIp, 17, FrameBuilder.Udp(40000, 161, [1, 2, 3]));
        byte[] icmp = [3, 3, 0, 0, 0, 0, 0, 0, .. probe[..28]];
        var traffic = Sensor.Compliant()
            .ToDevice("192.0.2.60", 17, FrameBuilder.Udp(40000, 161, [1, 2, 3]))
            .FromDevice("192.0.2.60", 1, icmp);
        var report = Sensor.Check(traffic);
        var flow = report.To("192.0.2.60");
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.RefusedInbound));
            Assert.That(flow.Flow.RefusalPackets, Is.EqualTo(1));
            Assert.That(report.Flows.Count(f => f.Flow.Key.Remote == Sensor.Ip("192.0.2.60")), Is.EqualTo(1));
        });
    }
}
