using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.CommandLine;

/// <summary><c>certify mud check</c> and <c>certify mud draft</c> run as the built program: exit codes 0/1/4/3, text and JSON.</summary>
public class MudCheckCommandTests
{
    private static Task<ProgramResult> Check(string pcap, params string[] extra) =>
        CertifyProgram.RunAsync(["mud", "check", "--mud", Sensor.MudPath, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, .. extra]);

    [Test]
    public async Task TapoCorpusPairExitsZero()
    {
        var mud = Corpus.File("tplink-tapo-p115.json");
        var pcap = Corpus.File("tplink-tapo-p115.pcap");
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", CorpusFlowTests.TapoMac);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stdout, Does.Contain("allowed flows: 11"));
            Assert.That(result.Stdout, Does.Contain("VIOLATIONS: 0"));
            Assert.That(result.Stdout, Does.Contain("refused inbound (not violations): 1"));
            Assert.That(result.Stdout, Does.Contain("54.169.114.238:443"));
            Assert.That(result.Stdout, Does.Contain("DHCP: 10.42.0.1"));
            Assert.That(result.Stdout, Does.Contain("to-ipv4-tapo-p115/to-ipv4-tapo-p115-4"));
            Assert.That(result.Stdout, Does.Contain("policies applied:"));
            Assert.That(result.Stdout, Does.Contain("verdict: compliant"));
        });
    }

    [Test]
    public async Task TapoJsonNamesEveryFlowsAce()
    {
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", Corpus.File("tplink-tapo-p115.json"), "--pcap", Corpus.File("tplink-tapo-p115.pcap"),
            "--device-mac", CorpusFlowTests.TapoMac, "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        var flows = json["flows"]!.AsArray();
        var cname = flows.Single(f => (string?)f!["remote"] == "54.170.92.104")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["verdict"], Is.EqualTo("compliant"));
            Assert.That((bool?)cname["initiatorUnknown"], Is.True);
            Assert.That(cname["directions"]!.AsArray().Select(d => (string?)d!["ace"]), Is.EqualTo(new[] { "from-ipv4-tapo-p115-2", "to-ipv4-tapo-p115-1" }));
            Assert.That(flows.Count(f => (string?)f!["outcome"] == "refused-inbound"), Is.EqualTo(1));
            Assert.That(json["policies"]!.AsArray(), Has.Count.GreaterThan(5));
            Assert.That((string?)json["unusedAces"]![0]!["ace"], Is.EqualTo("to-ipv4-tapo-p115-4"));
        });
    }

    [Test]
    public async Task ViolationExitsOneWithPacketNumbersAndName()
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().Resolve("evil.example", ("evil.example", "A", "198.51.100.7")).DeviceConnects("198.51.100.7", 443).Write(folder);
        var result = await Check(pcap);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Contain("VIOLATIONS: 1"));
            Assert.That(result.Stdout, Does.Match(@"tcp 192\.168\.1\.2:\d+ ↔ 198\.51\.100\.7:443 reached by evil\.example \[packets #11–#15"));
            Assert.That(result.Stdout, Does.Contain("verdict: violations"));
        });
    }

    [Test]
    public async Task NoDevicePacketsExitsFour()
    {
        using var folder = new TempFolder();
        var pcap = new DeviceTraffic().Frame(FrameBuilder.Ethernet("02:00:00:00:00:99", DeviceTraffic.GatewayMac, 0x0806, new byte[28])).Write(folder);
        var result = await Check(pcap);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
            Assert.That(result.Stdout, Does.Contain("verdict: inconclusive"));
        });
    }

    [Test]
    public async Task TruncatedCaptureExitsThreeNamingTheOffset()
    {
        using var folder = new TempFolder();
        var bytes = Sensor.Compliant().Pcap();
        var pcap = folder.Write("cut.pcap", bytes[..^3]);
        var result = await Check(pcap);
        var offset = bytes.Length - 16 - Sensor.Compliant().Packets[^1].Frame.Length;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Stderr, Does.Contain($"{pcap}: packet 8 is truncated").And.Contain($"at byte offset {offset}"));
            Assert.That(result.Stdout, Does.Contain("allowed flows: 2"), "what was read before the damage is kept");
        });
    }

    [TestCase("--local-network", "10.0.0.1/8", "not a CIDR range")]
    [TestCase("--controller", "urn:x", "expected URN=IP")]
    [TestCase("--probe-ip", "nope", "not an IP address")]
    public async Task BadArgumentsExitThree(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var result = await Check(Sensor.Compliant().Write(folder), option, value);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Stderr, Does.Contain(message));
        });
    }

    [Test]
    public async Task BothDeviceSelectorsExitThree()
    {
        using var folder = new TempFolder();
        var result = await Check(Sensor.Compliant().Write(folder), "--device-ip", DeviceTraffic.DeviceIp);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
    }

    [Test]
    public async Task InvalidMudFileExitsThree()
    {
        using var folder = new TempFolder();
        var mud = folder.Write("bad.json", "{\"ietf-mud:mud\": {}}");
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", mud, "--pcap", Sensor.Compliant().Write(folder), "--device-mac", DeviceTraffic.DeviceMac);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Stderr, Does.Contain("the MUD file is invalid"));
        });
    }

    [Test]
    public async Task ControllerAndLocalNetworkOptionsApply()
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().DeviceConnects("192.168.1.30", 8883).Write(folder);
        var without = await Check(pcap);
        var with = await Check(pcap, "--controller", "urn:example:hub=192.168.1.30", "--local-network", "192.168.1.0/24");
        Assert.Multiple(() =>
        {
            Assert.That(without.ExitCode, Is.EqualTo(1), without.ToString());
            Assert.That(with.ExitCode, Is.EqualTo(0), with.ToString());
            Assert.That(with.Stdout, Does.Contain("local-networks: 192.168.1.0/24 (from --local-network)"));
        });
    }

    [Test]
    public async Task BroadcastOnAPortLocalNetworksAllowsIsCompliant()
    {
        using var folder = new TempFolder();
        var pcap = new DeviceTraffic().DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort, DoorSensor.BroadcastMac).Write(folder);
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", DoorSensor.MudPath, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stdout, Does.Match(@"udp 192\.168\.1\.2:49200 ↔ 255\.255\.255\.255:6667 \[packets #1–#1"));
            Assert.That(result.Stdout, Does.Contain("from-device: from-ipv4-door/discovery"));
            Assert.That(result.Stdout, Does.Contain("verdict: compliant"));
        });
    }

    [Test]
    public async Task BroadcastOnAnotherPortIsAViolation()
    {
        using var folder = new TempFolder();
        var pcap = new DeviceTraffic().DeviceAnnounces("255.255.255.255", DoorSensor.DiscoveryPort + 1, DoorSensor.BroadcastMac).Write(folder);
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", DoorSensor.MudPath, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, "--json");
        var json = JsonNode.Parse(result.Stdout)!;
        var flow = json["flows"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That((string?)json["verdict"], Is.EqualTo("violations"));
            Assert.That((string?)flow["remote"], Is.EqualTo("255.255.255.255"));
            Assert.That((int?)flow["remotePort"], Is.EqualTo(6668));
            Assert.That((string?)flow["outcome"], Is.EqualTo("violation"));
        });
    }

    [Test]
    public async Task UnmodelledLeavesAreListedAndTheFlowTheyDecideIsInconclusive()
    {
        using var folder = new TempFolder();
        var mud = folder.Write("ttl.json", SensorVariant.Json(
            [SensorVariant.Ace("ttl-bound", """{"ipv4": {"protocol": 17, "ttl": 1}, "udp": {"destination-port": {"operator": "eq", "port": 9000}}}""")],
            [SensorVariant.Ace("back", """{"ipv4": {"protocol": 17}, "udp": {"source-port": {"operator": "eq", "port": 9000}}}""")]));
        var pcap = Sensor.Compliant().UdpExchange("198.51.100.50", 9000).Write(folder);
        var text = await CertifyProgram.RunAsync("mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac);
        var json = await CertifyProgram.RunAsync("mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, "--json");
        var report = JsonNode.Parse(json.Stdout)!;
        var leaf = report["unmodelledLeaves"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(4), text.ToString());
            Assert.That(text.Stdout, Does.Contain("INCONCLUSIVE (cannot be decided): 1"));
            Assert.That(text.Stdout, Does.Contain("match leaves not modelled (1):"));
            Assert.That(text.Stdout, Does.Match(@"from-ipv4-sensor/ttl-bound: ipv4\.ttl \(line \d+; RFC 8519\)"));
            Assert.That(text.Stdout, Does.Contain("verdict: inconclusive (1 flow(s) cannot be decided"));
            Assert.That(json.ExitCode, Is.EqualTo(4), json.ToString());
            Assert.That((string?)leaf["ace"], Is.EqualTo("ttl-bound"));
            Assert.That((string?)leaf["leaf"], Is.EqualTo("ipv4.ttl"));
            Assert.That(report["flows"]!.AsArray().Count(f => (string?)f!["outcome"] == "inconclusive"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task InfrastructureAnEthAceDeniesIsAViolationNamedByItsKind()
    {
        using var folder = new TempFolder();
        var mud = folder.Write("no-lldp.json", SensorVariant.Json([SensorVariant.Ace("no-lldp", """{"eth": {"ethertype": "lldp"}}""", "drop")], []));
        var lldp = FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "01:80:c2:00:00:0e", 0x88CC, FrameBuilder.Lldp("https://sensor.example/mud/sensor-1.json"));
        var pcap = Sensor.Compliant().Frame(lldp).Write(folder);
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Contain("VIOLATIONS: 1\n  LLDP: ethertype 0x88cc device 02:00:00:00:00:02 ↔ 01:80:c2:00:00:0e"));
            Assert.That(result.Stdout, Does.Contain("from-device: denied by ACE from-ipv4-sensor/no-lldp (drop)"));
        });
    }

    [Test]
    public async Task HostileNamesAreEscaped()
    {
        using var folder = new TempFolder();
        var pcap = new DeviceTraffic().DeviceConnects("198.51.100.8", 443, sni: "x\u001b[31mred").Write(folder);
        var result = await Check(pcap);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Stdout, Does.Not.Contain("\u001b"));
        });
    }

    [Test]
    public async Task DraftThenCheckRoundTripsThroughTheProgram()
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().DeviceConnects("192.168.1.20", 8080).Write(folder);
        var draft = folder.Sub("draft.json");
        var drafted = await CertifyProgram.RunAsync("mud", "draft", "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, "--mud-url", "https://sensor.example/d.json", "--out", draft);
        var validated = await CertifyProgram.RunAsync("mud", "validate", draft);
        var checkedBack = await CertifyProgram.RunAsync("mud", "check", "--mud", draft, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac);
        Assert.Multiple(() =>
        {
            Assert.That(drafted.ExitCode, Is.EqualTo(0), drafted.ToString());
            Assert.That(drafted.Stdout, Does.Contain($"wrote {draft}"));
            Assert.That(validated.ExitCode, Is.EqualTo(0), validated.ToString());
            Assert.That(validated.Stdout, Does.Contain("valid (0 warnings)"));
            Assert.That(checkedBack.ExitCode, Is.EqualTo(0), checkedBack.ToString());
        });
    }

    [Test]
    public async Task DraftRefusesHttpUrlAndTruncatedCaptures()
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().Write(folder);
        var http = await CertifyProgram.RunAsync("mud", "draft", "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, "--mud-url", "http://x.example/a.json");
        var cut = folder.Write("cut.pcap", File.ReadAllBytes(pcap)[..^3]);
        var truncated = await CertifyProgram.RunAsync("mud", "draft", "--pcap", cut, "--device-mac", DeviceTraffic.DeviceMac);
        Assert.Multiple(() =>
        {
            Assert.That(http.ExitCode, Is.EqualTo(3), http.ToString());
            Assert.That(truncated.ExitCode, Is.EqualTo(3), truncated.ToString());
            Assert.That(truncated.Stderr, Does.Contain("byte offset"));
        });
    }
}
