using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>The corpus's tplink-tapo-p115 pair: the real device keeps to its MUD file. Pins the outcome.</summary>
public class CorpusFlowTests
{
    public const string TapoMac = "40:ae:30:46:6e:a8";

    public static CheckReport CheckTapo()
    {
        var mud = MudValidator.ValidateFile(Corpus.File("tplink-tapo-p115.json")).Mud!;
        MacAddr.TryParse(TapoMac, out var mac);
        var settings = new CheckSettings { Device = DeviceSelector.ByMac(mac) };
        return FlowJudge.Judge(mud, CaptureAnalyzer.Analyze(Corpus.File("tplink-tapo-p115.pcap"), settings), settings);
    }

    [Test]
    public void TapoPlugIsCompliant()
    {
        var report = CheckTapo();
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(report.Capture.Packets, Is.EqualTo(305));
            Assert.That(report.Capture.DeviceAddresses.Select(a => a.ToString()), Is.EqualTo(new[] { "10.42.0.205" }));
            Assert.That(report.Violations, Is.Empty);
        });
    }

    [Test]
    public void EveryCloudFlowIsAllowedByANamedAceThroughTheCapturesNames()
    {
        var report = CheckTapo();
        var expected = new Dictionary<string, (string Name, string From, string To)>
        {
            ["108.129.46.150"] = ("security.iot.i.tplinknbu.com", "from-ipv4-tapo-p115-4", "to-ipv4-tapo-p115-2"),
            ["34.241.185.170"] = ("euw1-device-cloudgateway.iot.i.tplinknbu.com", "from-ipv4-tapo-p115-2", "to-ipv4-tapo-p115-1"),
            ["54.170.92.104"] = ("euw1-device-cloudgateway.iot.i.tplinknbu.com", "from-ipv4-tapo-p115-2", "to-ipv4-tapo-p115-1"),
            ["52.16.61.54"] = ("n-euw1-device-api.tplinkcloud.com", "from-ipv4-tapo-p115-3", "to-ipv4-tapo-p115-3"),
            ["18.139.191.98"] = ("aps1-openapi.i.tplinknbu.com", "from-ipv4-tapo-p115-1", "to-ipv4-tapo-p115-0"),
            ["154.51.12.215"] = ("pool.ntp.org", "from-ipv4-tapo-p115-0", "to-ipv4-tapo-p115-5"),
        };
        Assert.Multiple(() =>
        {
            foreach (var (ip, (name, from, to)) in expected)
            {
                var flow = report.To(ip);
                Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Allowed), ip);
                Assert.That(flow.NameTexts, Does.Contain(name), ip);
                Assert.That(flow.Directions.Select(d => d.DecidedBy!.Ace), Is.EqualTo(new[] { from, to }), ip);
            }
            var dns = report.Allowed.Where(f => f.Flow.Key.RemotePort == 53).ToList();
            Assert.That(dns, Has.Count.EqualTo(5));
            Assert.That(dns.SelectMany(f => f.Directions).All(d => d.DecidedBy == AceRef.DefaultDns), Is.True);
            Assert.That(report.Allowed.Count(), Is.EqualTo(11));
        });
    }

    [Test]
    public void CnameChainReaches54_170_92_104WhoseStartWasNotCaptured()
    {
        var flow = CheckTapo().To("54.170.92.104");
        Assert.Multiple(() =>
        {
            Assert.That(flow.Flow.InitiatorUnknown, Is.True);
            Assert.That(flow.Names.Select(n => n.ToString()), Does.Contain("euw1-device-cloudgateway.iot.i.tplinknbu.com → prd-iot-device-euw1-blue-0-a97ebfe61640702b.elb.eu-west-1.amazonaws.com"));
        });
    }

    [Test]
    public void DhcpIsInfrastructureAnd54_169_114_238IsRefusedInbound()
    {
        var report = CheckTapo();
        var refused = report.RefusedInbound.Single();
        Assert.Multiple(() =>
        {
            Assert.That(report.Infrastructure.Where(f => f.Flow.Category == "DHCP").Sum(f => f.Flow.Packets), Is.EqualTo(4));
            Assert.That(report.Infrastructure.Select(f => f.Flow.Category).Distinct(), Is.EquivalentTo(new[] { "DHCP", "ARP", "EAPOL" }));
            Assert.That(refused.Flow.Key.Remote.ToString(), Is.EqualTo("54.169.114.238"));
            Assert.That(refused.Flow.Packets, Is.EqualTo(4));
            Assert.That(refused.Flow.FirstNumber, Is.EqualTo(267));
            Assert.That(report.UnusedAces.Select(a => a.ToString()), Is.EqualTo(new[] { "to-ipv4-tapo-p115/to-ipv4-tapo-p115-4" }));
        });
    }

    [Test]
    public void TheOtherHostsTrafficIsNotTheDevices()
    {
        var report = CheckTapo();
        Assert.That(report.Flows.Any(f => f.Flow.Key.Remote.ToString() == "3.124.225.12"), Is.False);
    }
}
