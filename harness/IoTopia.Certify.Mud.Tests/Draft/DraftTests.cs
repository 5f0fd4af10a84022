using IoTopia.Certify.Mud.Draft;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Tests.Draft;

/// <summary><c>mud draft</c> round-trips: the draft is valid, the capture it came from is compliant with it, and a new host is not.</summary>
public class DraftTests
{
    private static (CheckReport Report, string Json) RoundTrip(string draftFrom, string checkOn, CheckSettings settings)
    {
        var draft = MudDrafter.Draft(CaptureAnalyzer.Analyze(draftFrom, settings), settings, "https://sensor.example/mud/draft.json", DateTimeOffset.UnixEpoch);
        var validation = MudValidator.Validate("draft.json", draft.Json);
        Assert.That(validation.IsValid, Is.True, string.Join("\n", validation.Problems));
        Assert.That(validation.Problems, Is.Empty, string.Join("\n", validation.Problems));
        var report = FlowJudge.Judge(validation.Mud!, CaptureAnalyzer.Analyze(checkOn, settings), settings);
        return (report, System.Text.Encoding.UTF8.GetString(draft.Json));
    }

    private static DeviceTraffic Busy() => Sensor.Compliant()
        .Resolve("telemetry.sensor.example", ("telemetry.sensor.example", "A", Sensor.TelemetryIp))
        .UdpExchange(Sensor.TelemetryIp, 5005)
        .DeviceConnects("192.168.1.20", 8080)
        .DeviceConnects("198.51.100.30", 8443)
        .RemoteConnects("192.168.1.40", 50123, 80)
        .MidStream("203.0.113.77", 443, 50200)
        .UdpExchange(DeviceTraffic.GatewayIp, 123)
        .RemoteRefused("192.0.2.50", 41000, 23);

    [Test]
    public void DraftOfACaptureIsCompliantOnIt()
    {
        using var folder = new TempFolder();
        var path = Busy().Write(folder);
        var (report, json) = RoundTrip(path, path, Sensor.Settings());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report) + "\n" + json);
            Assert.That(json, Does.Contain("\"ietf-acldns:dst-dnsname\": \"api.sensor.example\""));
            Assert.That(json, Does.Contain("\"local-networks\": [\n"));
            Assert.That(json, Does.Contain("\"destination-ipv4-network\": \"198.51.100.30/32\""));
            Assert.That(json, Does.Contain("\"ietf-mud:direction-initiated\": \"to-device\""));
            Assert.That(json, Does.Not.Contain("192.0.2.50"), "refused inbound is not drafted");
            Assert.That(report.RefusedInbound.Count(), Is.EqualTo(1));
        });
    }

    // Found by fuzzing (the draft must validate): a label ending in '-' passed the drafter's own check and made an invalid dnsname ACE.
    [Test]
    public void ANameTheValidatorWouldRefuseFallsBackToTheAddress()
    {
        using var folder = new TempFolder();
        var path = Sensor.Compliant()
            .Resolve("cloud.example.co-", ("cloud.example.co-", "A", "203.0.113.7"))
            .DeviceConnects("203.0.113.7", 443)
            .Write(folder);
        var (report, json) = RoundTrip(path, path, Sensor.Settings());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report) + "\n" + json);
            Assert.That(json, Does.Not.Contain("cloud.example.co-"));
            Assert.That(json, Does.Contain("\"destination-ipv4-network\": \"203.0.113.7/32\""));
        });
    }

    [Test]
    public void OneMoreFlowToANewHostIsAViolation()
    {
        using var folder = new TempFolder();
        var before = Busy().Write(folder, "before.pcap");
        var after = Busy().Resolve("new.example", ("new.example", "A", "198.51.100.99")).DeviceConnects("198.51.100.99", 443).Write(folder, "after.pcap");
        var (report, _) = RoundTrip(before, after, Sensor.Settings());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Violations));
            Assert.That(report.Violations.Single().Flow.Key.Remote.ToString(), Is.EqualTo("198.51.100.99"));
            Assert.That(report.Violations.Single().NameTexts, Is.EqualTo(new[] { "new.example" }));
        });
    }

    [Test]
    public void TapoDraftRoundTrips()
    {
        var pcap = Corpus.File("tplink-tapo-p115.pcap");
        Assert.That(IoTopia.Certify.Wire.Addresses.MacAddr.TryParse(CorpusFlowTests.TapoMac, out var mac), Is.True);
        var settings = new CheckSettings { Device = DeviceSelector.ByMac(mac) };
        var (report, json) = RoundTrip(pcap, pcap, settings);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            foreach (var name in new[] { "pool.ntp.org", "security.iot.i.tplinknbu.com", "euw1-device-cloudgateway.iot.i.tplinknbu.com", "n-euw1-device-api.tplinkcloud.com", "aps1-openapi.i.tplinknbu.com" })
                Assert.That(json, Does.Contain($"\"ietf-acldns:dst-dnsname\": \"{name}\""));
        });
    }

    [Test]
    public void HostileNamesFallBackToAddresses()
    {
        var traffic = new DeviceTraffic()
            .Resolve("evil\u0001name.example", ("evil\u0001name.example", "A", "198.51.100.66"))
            .DeviceConnects("198.51.100.66", 443);
        using var folder = new TempFolder();
        var path = traffic.Write(folder);
        var (report, json) = RoundTrip(path, path, Sensor.Settings());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(json, Does.Contain("198.51.100.66/32"));
        });
    }

    [Test]
    public void Ipv6TrafficGetsIpv6Acls()
    {
        var traffic = Sensor.Compliant()
            .Resolve("v6.sensor.example", ("v6.sensor.example", "AAAA", "2001:db8::10"))
            .DeviceConnects("2001:db8::10", 443)
            .UdpExchange("2001:db8::20", 5683);
        using var folder = new TempFolder();
        var path = traffic.Write(folder);
        var (report, json) = RoundTrip(path, path, Sensor.Settings());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report) + "\n" + json);
            Assert.That(json, Does.Contain("\"ipv6-acl-type\""));
            Assert.That(json, Does.Contain("\"destination-ipv6-network\": \"2001:db8::20/128\""));
        });
    }
}
