using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The smoke and intent suites on rigs/netns.yaml through the built program: the reference device in a network
/// namespace behind a veth pair, dnsmasq for DHCP and DNS. One run is watched from the root namespace's
/// default-route interface for any packet of the netns subnet or the DUT's MAC. The run takes its slot beside other
/// netns runs (a shared hold on <see cref="SlotsLock"/>), never while a test needs the slots to itself.
/// </summary>
[TestFixture]
public sealed class NetnsSmokeTests
{
    /// <summary>The machine lock over the netns rig's slots (iotc&lt;slot&gt;-lab/-dut, 10.77.&lt;slot&gt;.0/24).</summary>
    internal const string SlotsLock = "netns-slots";

    /// <summary>How long a test waits for the slots: a holder runs at most a few netns runs.</summary>
    internal static readonly TimeSpan SlotsLockDeadline = TimeSpan.FromMinutes(10);

    private const string DutMac = "02:52:44:00:00:01";
    private const string MudUrl = "https://mud.reference-device.example/rd-1.json";
    private static readonly string Rig = RepoRoot.Combine("rigs", "netns.yaml");
    private static readonly string Smoke = RepoRoot.Combine("suites", "smoke");
    private static readonly string Intent = RepoRoot.Combine("suites", "intent");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    private TempFolder _temp = null!;
    private ProgramResult _smoke = null!;
    private string? _watchedInterface;
    private IReadOnlyList<string> _leaked = [];
    private IReadOnlyList<string> _namespacesAfter = [];

    private string SmokeRun => _temp.Sub("smoke");

    [OneTimeSetUp]
    public async Task RunTheSmokeSuiteWhileWatchingTheHostsLink()
    {
        RequireNetnsTools();
        _temp = new TempFolder();
        _watchedInterface = await Ip.DefaultRouteInterfaceAsync();
        using var slots = await MachineLock.SharedAsync(SlotsLock, SlotsLockDeadline);
        (_smoke, _leaked) = await LinkWatch.AroundAsync(_watchedInterface, $"net 10.77.0.0/16 or ether host {DutMac}", _temp.Sub("host-link.pcap"),
            () => CertifyProgram.RunAsync(Args(SmokeRun), RunDeadline));
        _namespacesAfter = await Ip.NetnsAsync();
    }

    [OneTimeTearDown]
    public void RemoveTheRuns() => _temp?.Dispose();

    internal static void RequireNetnsTools()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("the netns rig needs root (network namespaces, veth, dnsmasq, capture); these tests run as root in CI");
        foreach (var tool in new[] { "/usr/bin/socat", "/usr/sbin/dnsmasq", "/usr/bin/tshark", "/usr/bin/setpriv", "/usr/bin/setsid" })
        {
            if (!File.Exists(tool) && !File.Exists(tool.Replace("/usr/sbin/", "/usr/bin/", StringComparison.Ordinal)))
                Assert.Ignore($"{tool} is missing; ./certify test installs socat, dnsmasq, tshark (util-linux has setpriv and setsid)");
        }
    }

    private static string[] Args(string outDir, params string[] more) =>
        ["run", "--rig", Rig, "--suite", Smoke, "--suite", Intent, "--out", outDir, "--seed", "7", .. more];

    private static string RunEvidence(string run, string suffix) =>
        Path.Combine(run, new RunFolderReader(run).Results["runEvidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(suffix, StringComparison.Ordinal)));

    private static JsonObject RigStarted(string run) =>
        new RunFolderReader(run).JournalEvents().Last(e => (string?)e["type"] == "rig-started");

    [Test]
    public void TheSmokeSuitePassesInsideTheNamespaces()
    {
        Assert.That(_smoke.ExitCode, Is.Zero, _smoke.ToString());
        var run = new RunFolderReader(SmokeRun);
        Assert.That(run.Results["scenarios"]!.AsArray().Select(s => (string?)s!["verdict"]).ToList(), Has.Count.EqualTo(13).And.All.EqualTo("pass"));
        var slot = (int)run.Results["run"]!["rig"]!["options"]!["slot"]!;
        var details = RigStarted(SmokeRun)["details"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)details["subnet"], Is.EqualTo($"10.77.{slot}.0/24"));
            Assert.That((string?)details["namespaces"]!["lab"], Is.EqualTo($"iotc{slot}-lab"));
            Assert.That((string?)details["namespaces"]!["dut"], Is.EqualTo($"iotc{slot}-dut"));
            Assert.That((string?)details["veth"]!["dut0"], Is.EqualTo(DutMac));
            Assert.That((string?)details["dutMac"], Is.EqualTo(DutMac));
        });
        var dhcp = run.Attempts("smoke.dhcp-mud-url")[0]!["steps"]![0]!;
        Assert.That((string?)dhcp["details"]!["messageType"], Is.AnyOf("DHCPDISCOVER", "DHCPREQUEST"), "a DHCP client's broadcast, not the virtual rig's DHCPINFORM");
        Assert.That((string?)dhcp["details"]!["mudUrl"], Is.EqualTo(MudUrl));
    }

    [Test]
    public void TheIntentSuitePassesInsideTheNamespaces()
    {
        var run = new RunFolderReader(SmokeRun);
        foreach (var requirement in new[] { "IOT-INT-01", "IOT-INT-02", "IOT-INT-03", "IOT-INT-04" })
            Assert.That((string?)run.Requirement(requirement)["verdict"], Is.EqualTo("pass"), requirement);
        var channels = run.Attempts("intent.mud-url")[0]!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "intent.mud-url")!["reason"]!.ToString();
        Assert.That(channels, Does.Contain("DHCPv4 option 161").And.Contain("certificate"), "the DHCP channel is read off the wire beside dnsmasq on this rig");
    }

    [Test]
    public async Task ThePcapsHoldTheDutsFramesAndItsBroadcastDhcpWithOption161()
    {
        var slot = (int)new RunFolderReader(SmokeRun).Results["run"]!["rig"]!["options"]!["slot"]!;
        var dhcp = await Tshark.MatchingLinesAsync(RunEvidence(SmokeRun, "-dhcp.pcap"),
            $"dhcp.option.type == 161 && eth.src == {DutMac} && eth.dst == ff:ff:ff:ff:ff:ff", "dhcp.option.dhcp", "dhcp.option.mudurl");
        Assert.That(dhcp, Is.Not.Empty, "tshark reads the DUT's broadcast DHCP with option 161 from the run's DHCP pcap");
        Assert.That(dhcp, Is.All.EndsWith(MudUrl));
        Assert.That(dhcp.Select(l => l.Split('\t')[0]), Does.Contain("1").And.Contain("3"), "DHCPDISCOVER and DHCPREQUEST");
        var acks = await Tshark.MatchingLinesAsync(RunEvidence(SmokeRun, "-dhcp.pcap"), "dhcp.option.dhcp == 5", "dhcp.ip.your");
        Assert.That(acks, Is.Not.Empty.And.All.EqualTo($"10.77.{slot}.2"), "dnsmasq's DHCPACKs lease the DUT its fixed address");

        var traffic = new RunFolderReader(SmokeRun).Attempts("smoke.traffic-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(".pcap", StringComparison.Ordinal));
        var packets = await Tshark.MatchingLinesAsync(Path.Combine(SmokeRun, traffic), "ip", "eth.src", "eth.dst", "ip.src", "ip.dst");
        Assert.That(packets, Is.Not.Empty);
        Assert.That(packets, Is.All.Contain($"10.77.{slot}.2").And.All.Contain(DutMac), "every IP packet of the capture is the DUT's, by address and MAC");
    }

    [Test]
    public void TheRunKeepsDnsmasqsLogAndTheSerialLog()
    {
        var slot = (int)new RunFolderReader(SmokeRun).Results["run"]!["rig"]!["options"]!["slot"]!;
        var dnsmasq = File.ReadAllText(RunEvidence(SmokeRun, "-dnsmasq.log"));
        Assert.That(dnsmasq, Does.Contain($"DHCPACK(lab0) 10.77.{slot}.2 {DutMac}"));
        Assert.That(dnsmasq, Does.Contain($"query[A] telemetry.reference-device.example from 10.77.{slot}.2"));
        var dns = File.ReadAllText(RunEvidence(SmokeRun, "-dns.jsonl"));
        Assert.That(dns, Does.Contain($"\"client\":\"10.77.{slot}.2:0\",\"via\":\"10.77.{slot}.1:"), "the lab resolver logs the DUT's query, forwarded by dnsmasq");
        var serial = File.ReadAllText(RunEvidence(SmokeRun, "-serial.log"));
        Assert.That(serial, Does.Contain("[boot] model=RD-1 serial=RD1-000001").And.Contain($"[net] DHCPACK from 10.77.{slot}.1: 10.77.{slot}.2 on dut0"));
    }

    [Test]
    public void NoPacketOfTheRunLeftTheNamespaces()
    {
        if (_watchedInterface is null)
            Assert.Ignore("the root namespace has no default route: there is no link a packet could leave by");
        Assert.That(_leaked, Is.Empty,
            $"packets of 10.77.0.0/16 or {DutMac} on {_watchedInterface} (the root namespace's default-route interface) during a netns smoke run");
    }

    [Test]
    public void TheNamespacesAreGoneAfterTheRun()
    {
        var slot = (int)new RunFolderReader(SmokeRun).Results["run"]!["rig"]!["options"]!["slot"]!;
        Assert.That(_namespacesAfter, Does.Not.Contain($"iotc{slot}-lab").And.Not.Contain($"iotc{slot}-dut"));
    }
}
