using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Lab;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs.BenchLab;

/// <summary>
/// A <c>kind: bench</c> rig with its lab network (<c>drivers.lab</c>) on a bench built in network namespaces
/// (<see cref="BenchLabTopology"/>): a device we did not build — a small DHCP client and traffic generator behind a
/// veth — gets its address from the lab's dnsmasq, its names from the lab resolver, its MUD file from the lab MUD
/// server. The intent suite gives the verdicts it gives on the virtual rig: IOT-INT-01 from DHCP option 161, the
/// lab's DHCP, DNS and NTP judged as infrastructure in IOT-INT-04, a tracker its headline; with no lab service the
/// capture alone shows option 161; the lab's addresses go when the run ends, or with the next run after a SIGKILL.
/// </summary>
[TestFixture]
public sealed class BenchLabNetworkTests
{
    private const string MudUrl = "https://mud.bench.example/bench-dut.json";
    private const string Cloud = "cloud.bench.example";
    private const string Tracker = "tracker.ads.example";
    private static readonly string Intent = RepoRoot.Combine("suites", "intent");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(4);

    private TempFolder _temp = null!;
    private BenchLabTopology _bench = null!;
    private ProgramResult _compliant = null!;
    private IReadOnlyList<string> _addressesAfter = [];
    private IReadOnlyList<string> _leaked = [];
    private string? _watchedInterface;

    private string CompliantRun => _temp.Sub("compliant");

    [OneTimeSetUp]
    public async Task RunTheIntentSuiteOnTheBench()
    {
        BenchLabTopology.Require();
        _temp = new TempFolder("bench-lab-");
        await PublishAsync();
        _bench = await BenchLabTopology.CreateAsync();
        var rig = Rig("compliant", tracker: null, "[dhcp, dns, https, mud, ntp]");
        _watchedInterface = await Ip.DefaultRouteInterfaceAsync();
        (_compliant, _leaked) = await LinkWatch.AroundAsync(_watchedInterface, $"net {BenchLabTopology.Subnet} or ether host {BenchLabTopology.DutMac}",
            _temp.Sub("host-link.pcap"),
            () => _bench.RunCertifyAsync(["run", "--rig", rig, "--suite", Intent, "--suite", LabSuite(), "--param", "observe=4s",
                "--out", CompliantRun, "--seed", "5"], RunDeadline));
        _addressesAfter = await _bench.LabAddressesAsync();
    }

    [OneTimeTearDown]
    public async Task RemoveTheBench()
    {
        if (_bench is not null)
            await _bench.DisposeAsync();
        _temp?.Dispose();
    }

    [Test]
    public void TheIntentPillarPassesWithTheLabsServicesAsOnTheVirtualRig()
    {
        Assert.That(_compliant.ExitCode, Is.Zero, _compliant.ToString());
        var run = new RunFolderReader(CompliantRun);
        foreach (var requirement in new[] { "IOT-INT-01", "IOT-INT-02", "IOT-INT-03", "IOT-INT-04" })
            Assert.That((string?)run.Requirement(requirement)["verdict"], Is.EqualTo("pass"), $"{requirement}: {run.Requirement(requirement)["reason"]}");
        var mudUrl = Step(run, "intent.mud-url", "intent.mud-url");
        Assert.Multiple(() =>
        {
            Assert.That((string?)mudUrl["reason"], Does.Contain(MudUrl).And.Contain("DHCPv4 option 161"));
            var vias = mudUrl["details"]!["urls"]!.AsArray().Select(u => (string?)u!["via"]).ToList();
            Assert.That(vias, Has.Some.Contains("beside dnsmasq"), "the lab's DHCP channel: dnsmasq's exchange read off the wire, the DUT known by its MAC");
            Assert.That(vias, Has.Some.StartsWith("capture 'traffic'"), "the capture channel");
            Assert.That((string?)Step(run, "intent.mud-file", "intent.mud-file")["details"]!["checked"], Does.Contain("lab MUD server"));
        });
    }

    [Test]
    public void TheLabsDhcpDnsAndHttpsAnswerTheDevice()
    {
        var run = new RunFolderReader(CompliantRun);
        Assert.Multiple(() =>
        {
            Assert.That(run.Verdict("bench.dns"), Is.EqualTo("pass"), run.Reason("bench.dns"));
            Assert.That(run.Verdict("bench.dhcp"), Is.EqualTo("pass"), run.Reason("bench.dhcp"));
        });
        var dnsmasq = File.ReadAllText(RunEvidence(CompliantRun, "-dnsmasq.log"));
        Assert.That(dnsmasq, Does.Contain($"DHCPACK({BenchLabTopology.LabInterface}) {BenchLabTopology.Dut} {BenchLabTopology.DutMac}"));
        var dns = File.ReadAllText(RunEvidence(CompliantRun, "-dns.jsonl"));
        Assert.That(dns, Does.Contain($"\"client\":\"{BenchLabTopology.Dut}:0\",\"via\":\"{BenchLabTopology.Lab}:").And.Contain($"\"qname\":\"{Cloud}\""),
            "the DUT's lookup, forwarded by dnsmasq, answered by the lab resolver");
        Assert.That(dns, Does.Match("\"answer\":\"192\\.168\\.77\\.(1\\d|[2-9]\\d)\""), "with a per-name address of the bench's subnet");
        Assert.That(dnsmasq, Does.Match($@"option: 42 ntp-server\s+{Regex.Escape(BenchLabTopology.Lab)}"), "the lease names the lab's NTP server");
        var ntp = File.ReadAllText(RunEvidence(CompliantRun, "-ntp.jsonl"));
        Assert.That(ntp, Does.Contain($"\"client\":\"{BenchLabTopology.Dut}:").And.Contain("\"event\":\"request\"").And.Contain("\"served\":\"20"),
            "the DUT's SNTP request, answered by the lab's NTP server on the address the lease named");
        var https = File.ReadAllText(RunEvidence(CompliantRun, "-mud.jsonl"));
        Assert.That(https, Does.Contain("bench-dut.json"), "the lab MUD server served the manufacturer's file");
    }

    [Test]
    public void TheLabsDhcpAndDnsAreInfrastructureNotViolations()
    {
        var flows = Step(new RunFolderReader(CompliantRun), "intent.flows", "intent.flows");
        var details = flows["details"]!;
        Assert.Multiple(() =>
        {
            Assert.That((int?)details["violationCount"], Is.Zero, details.ToJsonString());
            Assert.That((int?)details["infrastructure"], Is.GreaterThan(0), "the DHCP exchange with the lab's dnsmasq");
            Assert.That((int?)details["labServiceFlows"], Is.GreaterThan(2), "DHCP, DNS and NTP with the lab's address");
            Assert.That(details["labHosts"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { BenchLabTopology.Lab }));
            var local = details["localNetworks"]!.AsArray().Select(n => (string?)n).ToList();
            Assert.That(local, Does.Contain("192.168.77.0/29").And.Contain("192.168.77.128/25").And.Not.Contain(BenchLabTopology.Subnet),
                "the subnet is local, the per-name addresses (.10–.99) are not: they stand for remote hosts");
            Assert.That((string?)flows["reason"], Does.Contain("flows with the lab's own services"));
        });
    }

    [Test]
    public void TheLabsAddressesAreAddedForTheRunAndRemovedWhenItEnds()
    {
        var lab = new RunFolderReader(CompliantRun).JournalEvents().Last(e => (string?)e["type"] == "rig-started")["details"]!["lab"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)lab["interface"], Is.EqualTo(BenchLabTopology.LabInterface));
            Assert.That(lab["addressesAdded"]!.AsArray().Select(a => (string?)a).ToList(), Has.Count.EqualTo(92).And.Contain("192.168.77.1/24").And.Contain("192.168.77.99/24"));
            Assert.That(_addressesAfter, Is.Empty, "the run removed every address it had added");
        });
    }

    [Test]
    public void NoPacketOfTheBenchLeftTheNamespaces()
    {
        if (_watchedInterface is null)
            Assert.Ignore("the root namespace has no default route: there is no link a packet could leave by");
        Assert.That(_leaked, Is.Empty, $"packets of {BenchLabTopology.Subnet} or {BenchLabTopology.DutMac} on {_watchedInterface} during the bench run");
    }

    [Test]
    public async Task ATrackerIsTheHeadlineOfIotInt04AndTheLabsServicesAreNot()
    {
        var rig = Rig("tracker", Tracker, "[dhcp, dns, https, mud]");
        var result = await _bench.RunCertifyAsync(["run", "--rig", rig, "--suite", Intent, "--filter", "IOT-INT-04", "--param", "observe=4s",
            "--out", _temp.Sub("tracker-run")], RunDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(_temp.Sub("tracker-run"));
        var flows = Step(run, "intent.flows", "intent.flows");
        var violations = flows["details"]!["violations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That((string?)run.Requirement("IOT-INT-04")["verdict"], Is.EqualTo("fail"));
            Assert.That(run.Reason("intent.flows"), Does.Match($"^step 4 intent.flows: {violations.Count} flows no ACE allows: tcp {BenchLabTopology.Dut}:\\d+ ↔ 192\\.168\\.77\\.\\d+:443 reached by {Tracker}"));
            Assert.That(run.Reason("intent.flows"), Does.Not.Contain(":53 ").And.Not.Contain(":67 "), "no DNS or DHCP with the lab in the headline");
            Assert.That(violations.Select(v => v!["names"]!.AsArray().Select(n => (string?)n).ToList()), Is.All.Contains(Tracker),
                "the tracker's connections (one flow each) are the only violations: the lab's DHCP and DNS are not");
            Assert.That((int?)flows["details"]!["infrastructure"], Is.GreaterThan(0), "the DUT's DHCP with the lab's dnsmasq");
        });
    }

    [Test]
    public async Task ACaptureOnlyBenchFindsOption161WithinItsWait()
    {
        var rig = Rig("capture-only", tracker: null, "[]");
        var result = await _bench.RunCertifyAsync(["run", "--rig", rig, "--suite", Intent, "--filter", "IOT-INT-01", "--out", _temp.Sub("capture-only-run")], RunDeadline);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(_temp.Sub("capture-only-run"));
        var step = Step(run, "intent.mud-url", "intent.mud-url");
        Assert.Multiple(() =>
        {
            Assert.That((string?)run.Requirement("IOT-INT-01")["verdict"], Is.EqualTo("pass"));
            Assert.That((string?)step["reason"], Does.Contain(MudUrl).And.Contain("DHCPv4 option 161"));
            Assert.That(step["details"]!["urls"]!.AsArray().Select(u => (string?)u!["via"]), Is.All.StartsWith("capture 'traffic'"),
                "no lab DHCP on this bench: the capture is the channel, read while the step waited");
            Assert.That(step["details"]!["channels"]!.AsArray().Single(c => (string?)c!["name"] == "DHCP (seen by the lab)")!["available"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task AKilledRunsAddressesAndServicesAreRemovedByTheNextRunOnTheInterface()
    {
        var rig = Rig("killed", tracker: null, "[dhcp, dns, https, mud]");
        var killed = _temp.Sub("killed-run");
        var journal = Path.Combine(killed, "journal.jsonl");
        using (var harness = _bench.StartCertify(["run", "--rig", rig, "--suite", Intent, "--filter", "IOT-INT-01", "--out", killed]))
        {
            await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "attempt-started"), TimeSpan.FromSeconds(120),
                "the bench run to start its first scenario");
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }
        Assert.That(await _bench.LabAddressesAsync(), Has.Count.EqualTo(92), "nobody was left to remove the lab's addresses");
        var dnsmasq = LiveJournal.Events(journal).Where(e => (string?)e["type"] == "process-started" && ((string?)e["command"])?.StartsWith("dnsmasq", StringComparison.Ordinal) == true)
            .Select(e => (int)e["pid"]!).Single();
        Assert.That(LinuxProcess.IsAlive(dnsmasq), Is.True, "the killed run's dnsmasq still holds the lab's address and DHCP");

        var next = await _bench.RunCertifyAsync(["run", "--rig", rig, "--suite", LabSuite(), "--filter", "bench.dhcp", "--out", _temp.Sub("next-run")], RunDeadline);
        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        var notes = new RunFolderReader(_temp.Sub("next-run")).JournalEvents().Where(e => (string?)e["type"] == "note").Select(e => (string?)e["text"]).ToList();
        var addresses = await _bench.LabAddressesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(notes, Has.Some.Contains($"{BenchLabTopology.LabInterface} was left by a killed run ({killed})"));
            Assert.That(notes, Has.Some.Match($"reaped \\d+ processes of the killed run {System.Text.RegularExpressions.Regex.Escape(killed)}"));
            Assert.That(LinuxProcess.IsAlive(dnsmasq), Is.False, "the next run reaped the killed run's dnsmasq before taking the interface");
            Assert.That(addresses, Is.Empty, "the next run removed the killed run's addresses, then its own");
        });
    }

    private static JsonNode Step(RunFolderReader run, string scenario, string step) =>
        run.Attempts(scenario)[^1]!["steps"]!.AsArray().Single(s => (string?)s!["name"] == step)!;

    private static string RunEvidence(string run, string suffix) =>
        Path.Combine(run, new RunFolderReader(run).Results["runEvidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(suffix, StringComparison.Ordinal)));

    /// <summary>A bench rig file: exec power starting the device in the DUT namespace, the lab network on the bench's card.</summary>
    private string Rig(string name, string? tracker, string services)
    {
        var folder = _temp.Sub(name);
        Directory.CreateDirectory(folder);
        var (on, off) = _bench.Power(folder, MudUrl, Cloud, tracker);
        return _temp.Write($"{name}.rig.yaml", $"""
            name: bench-lab-{name}
            kind: bench
            dut:
              model: BENCH-DUT
              serial: BD-0001
              firmware: 1.0.0
              mac: {BenchLabTopology.DutMac}
              mud-url-source: dhcp
              cloud-name: {Cloud}
            drivers:
              power:
                kind: exec
                on: "{on}"
                off: "{off}"
                timeout: 10s
              lab:
                interface: {BenchLabTopology.LabInterface}
                subnet: {BenchLabTopology.Subnet}
                services: {services}
                pki: pki
              mud:
                file: bench-dut.json
                signature: bench-dut.p7s
                trust-anchor: manufacturer-anchor.pem
            """);
    }

    /// <summary>Scenarios of the lab's DNS and DHCP as the smoke suite checks them, without its serial needs.</summary>
    private string LabSuite() => _temp.Write("bench-lab.yaml", """
        suite: bench-lab
        title: The bench's lab services answer the DUT
        scenarios:
          - id: bench.dns
            title: The DUT's lookups reach the lab resolver
            kind: rig-check
            needs: [power, dns]
            timeout: 60s
            steps:
              - lab.dns-query: { name: "${dut.cloud-name}", within: 30s }
          - id: bench.dhcp
            title: The DUT's DHCP with option 161 reaches the lab
            kind: rig-check
            needs: [power, dhcp]
            timeout: 60s
            steps:
              - lab.dhcp-inform: { within: 30s, mud-url: true }
        """);

    /// <summary>The manufacturer's MUD file (TCP 443 to its cloud name, both ways), signed by its test anchor; the lab's PKI beside it.</summary>
    private async Task PublishAsync()
    {
        using var pki = await TestPki.OpenAsync(_temp.Sub("pki"), CancellationToken.None);
        using var manufacturer = await pki.OpenManufacturerAsync(CancellationToken.None);
        using var signer = manufacturer.IssueMudSigner("Bench DUT MUD signer");
        var mud = Encoding.UTF8.GetBytes($$"""
            { "ietf-mud:mud": { "mud-version": 1, "mud-url": "{{MudUrl}}", "last-update": "2026-11-01T00:00:00Z",
                "mud-signature": "https://mud.bench.example/bench-dut.p7s", "cache-validity": 48, "is-supported": true, "systeminfo": "Bench DUT",
                "from-device-policy": { "access-lists": { "access-list": [ { "name": "fr" } ] } },
                "to-device-policy": { "access-lists": { "access-list": [ { "name": "to" } ] } } },
              "ietf-access-control-list:acls": { "acl": [
                { "name": "fr", "type": "ipv4-acl-type", "aces": { "ace": [ { "name": "cloud", "matches": { "ipv4": { "protocol": 6, "ietf-acldns:dst-dnsname": "{{Cloud}}" },
                  "tcp": { "destination-port": { "operator": "eq", "port": 443 } } }, "actions": { "forwarding": "accept" } } ] } },
                { "name": "to", "type": "ipv4-acl-type", "aces": { "ace": [ { "name": "cloud-back", "matches": { "ipv4": { "protocol": 6, "ietf-acldns:src-dnsname": "{{Cloud}}" },
                  "tcp": { "source-port": { "operator": "eq", "port": 443 } } }, "actions": { "forwarding": "accept" } } ] } } ] } }
            """);
        _temp.Write("bench-dut.json", mud);
        _temp.Write("bench-dut.p7s", MudFileSigner.Sign(mud, signer.Certificate));
        File.Copy(manufacturer.AnchorPath, _temp.Sub("manufacturer-anchor.pem"));
    }
}
