using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Ntp;
using IoTopia.Certify.Rigs.Lab.Update;

namespace IoTopia.Certify.Rigs.Tests.Bench;

/// <summary><c>drivers.lab</c> of a bench rig file: its services as the drivers of dns, dhcp, lab-http and time, and every mistake at its line.</summary>
[TestFixture]
public sealed class BenchLabRigFileTests
{
    private static readonly RigKinds Kinds = new RigKinds().Add(new BenchRigKind());
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("bench-lab-rig-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var file = Path.Combine(_folder, "bench.yaml");
        File.WriteAllText(file, text);
        File.WriteAllText(Path.Combine(_folder, "cam.json"), "{}");
        return file;
    }

    private const string Head = """
        name: lab-bench
        kind: bench
        dut:
          model: ACME-CAM-200
          mac: 00:1b:21:3a:4f:10

        """;

    [Test]
    public void TheLabsServicesAreTheDriversOfDnsDhcpLabHttpAndTime()
    {
        var rig = RigLoader.Load(Write(Head + """
            capabilities: [power, capture, dns, dhcp, lab-http, time]
            drivers:
              power: { kind: exec, on: 'true', off: 'true' }
              lab:
                interface: eth1
                subnet: 192.168.50.0/24
                services: [dhcp, dns, https, mud, ntp, update]
              mud: { file: cam.json, trust-anchor: cam.json }
            """), Kinds);
        Assert.Multiple(() =>
        {
            Assert.That(rig.Bindings.Select(b => (b.Driver, string.Join(",", b.Capabilities))), Is.EqualTo(new[]
            {
                (typeof(Rigs.Power.ExecPower), "power"),
                (typeof(LiveCapture), "capture"),
                (typeof(LabDnsResolver), "dns"),
                (typeof(LabNtpServer), "time"),
                (typeof(DhcpWireObserver), "dhcp"),
                (typeof(LabHttpsHost), "lab-http"),
                (typeof(LabMudServer), "lab-http"),
                (typeof(LabUpdateServer), "lab-http"),
            }));
            Assert.That(rig.Bindings.Single(b => b.Driver == typeof(LabDnsResolver)).Resource, Does.Contain("192.168.50.1:53 on eth1"));
            Assert.That(rig.Bindings.Single(b => b.Driver == typeof(DhcpWireObserver)).Resource, Does.Contain("dnsmasq on eth1, leasing 192.168.50.2"));
            Assert.That(rig.Bindings.Single(b => b.Driver == typeof(LabHttpsHost)).Resource, Does.Contain("192.168.50.10–192.168.50.99"));
            Assert.That(rig.Bindings.Single(b => b.Driver == typeof(LabNtpServer)).Resource, Does.Contain("192.168.50.1:123/udp on eth1 (named by dnsmasq's DHCP, option 42)"));
            var expected = new[] { "power", "capture", "dns", "dhcp", "lab-http", "time" };
            Assert.That(rig.Capabilities, Is.EqualTo(Environment.IsPrivilegedProcess ? expected : ["power"]),
                "the lab network needs root: without it its capabilities are left out (capability-missing)");
            var lab = ((BenchSettings)rig.Drivers!).Lab!;
            Assert.That(lab.Judging().LocalNetworks.Select(n => n.ToString()), Does.Not.Contain("192.168.50.0/24").And.Contain("192.168.50.128/25"));
            Assert.That(lab.Judging().DnsServers.Select(a => a.ToString()), Is.EqualTo(new[] { "192.168.50.1" }));
            Assert.That(lab.Judging().NtpServers.Select(a => a.ToString()), Is.EqualTo(new[] { "192.168.50.1" }));
        });
    }

    [Test]
    public void ACaptureOnlyLabGivesCaptureAndNoLabService()
    {
        var file = Write(Head + """
            capabilities: [capture, dns]
            drivers:
              lab: { interface: eth1, subnet: 192.168.50.0/24 }
            """);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(e.Message, Does.Contain($"{file}:6:25: capabilities: 'dns': no driver of this bench rig gives it (its drivers give capture)"));
    }

    [Test]
    public void ADutOnLoopbackNeedsNoMacAndUsesTheLabsListenerByDefault()
    {
        var rig = RigLoader.Load(Write("""
            name: lo-bench
            kind: bench
            drivers:
              lab:
                interface: lo
                subnet: 127.78.1.0/24
                services: [dhcp, dns]
            """), Kinds);
        Assert.That(rig.Bindings.Select(b => b.Driver), Is.EqualTo(new[] { typeof(LiveCapture), typeof(LabDnsResolver), typeof(LabDhcpListener) }));
        Assert.That(((BenchSettings)rig.Drivers!).Lab!.Target(null).DefaultFilter, Is.EqualTo("host 127.78.1.2 and not host 127.78.1.3"));

        var file = Write("name: lo-bench\nkind: bench\ndrivers:\n  lab:\n    interface: lo\n    subnet: 127.78.1.0/24\n    dhcp-server: dnsmasq\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(e.Message, Does.Contain($"{file}:5:5: drivers.lab: dhcp-server: dnsmasq leases over broadcast, which nothing may send on loopback"));
    }

    [TestCase("    subnet: 192.168.50.0/33\n", 8, 5, "drivers.lab: subnet: '192.168.50.0/33' is not a network in CIDR form")]
    [TestCase("    subnet: 192.168.50.0/24\n    dut-address: 192.168.60.2\n", 8, 5, "drivers.lab: dut-address: 192.168.60.2 is not a host address of the subnet 192.168.50.0/24")]
    [TestCase("    subnet: 192.168.50.0/24\n    name-hosts: 1-99\n", 8, 5, "drivers.lab: name-hosts: 1-99 holds lab-address 192.168.50.1")]
    [TestCase("    subnet: 192.168.50.0/24\n    services: [dhcp, tftp]\n", 10, 22, "drivers.lab.services[1]: expected one of dhcp, dns, https, mud, ntp, update, got 'tftp'")]
    [TestCase("    subnet: 192.168.50.0/24\n    dhcp-server: isc\n", 10, 18, "drivers.lab.dhcp-server: expected one of dnsmasq, listener, got 'isc'")]
    [TestCase("    subnet: 192.168.50.0/24\n    services: [mud]\n", 8, 5, "drivers.lab: services: mud is served through the HTTPS host: list https too")]
    [TestCase("    subnet: 192.168.50.0/24\n    services: [update]\n", 8, 5, "drivers.lab: services: update is served through the HTTPS host: list https too")]
    [TestCase("    subnet: 192.168.50.0/24\n    services: [https, mud]\n", 7, 3, "drivers.lab.services: mud serves the manufacturer's files of drivers.mud")]
    [TestCase("    subnet: 192.168.50.0/24\n    local-networks: [192.168.50.0]\n", 8, 5, "drivers.lab: local-networks: '192.168.50.0' is not a network in CIDR form")]
    [TestCase("    subnet: 192.168.50.0/24\n    interfase: eth2\n", 10, 5, "drivers.lab.interfase: unknown argument")]
    [TestCase("    subnet: 192.168.50.0/24\n  capture: { interface: eth1, dut-address: 192.168.50.2 }\n", 10, 3, "drivers.capture: the lab network (drivers.lab) captures on its interface eth1")]
    public void AMistakeIsNamedAtItsLine(string keys, int line, int column, string message)
    {
        var file = Write(Head + "drivers:\n  lab:\n    interface: eth1\n" + keys);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(e.Message, Does.Contain($"{file}:{line}:{column}: {message}"));
    }

    [TestCase("", "dut.mac: the lab network on eth1 finds the DUT by its MAC")]
    [TestCase("  mac: 01:00:5e:00:00:01\n", "dut.mac: '01:00:5e:00:00:01' is a multicast address")]
    public void ABenchsLabNetworkNeedsTheDutsMac(string mac, string message)
    {
        var file = Write($"name: lab-bench\nkind: bench\ndut:\n  model: X\n{mac}drivers:\n  lab: {{ interface: eth1, subnet: 192.168.50.0/24 }}\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(e.Message, Does.Contain($"{file}:3:1: {message}"));
    }

    [Test]
    public void ATrustAnchorIsOptionalWithoutASignatureAndRequiredWithOne()
    {
        var unsigned = RigLoader.Load(Write(Head + """
            drivers:
              power: { kind: exec, on: 'true', off: 'true' }
              mud: { file: cam.json }
            """), Kinds);
        Assert.That(((BenchSettings)unsigned.Drivers!).Mud, Is.EqualTo(new ManufacturerMud
        {
            MudFile = Path.Combine(_folder, "cam.json"),
            Origin = ((BenchSettings)unsigned.Drivers!).Mud!.Origin,
        }), "no signature published: no anchor needed, IOT-INT-03 fails as unsigned");

        var file = Write(Head + """
            drivers:
              power: { kind: exec, on: 'true', off: 'true' }
              mud: { file: cam.json, signature: cam.json }
            """);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Kinds))!;
        Assert.That(e.Message, Does.Contain($"{file}:").And.Contain("drivers.mud: trust-anchor: required with signature:"));
    }
}
