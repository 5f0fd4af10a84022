using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The Linux board (fixtures/linux-board, stock) on rigs/linux-board.yaml through the built program: one smoke run —
/// the image built (cached), QEMU in the run's namespace on a tap of the lab's bridge, its console on a socat pty pair —
/// watched from the root namespace's default-route interface, every assertion read from its run folder. A second,
/// one-scenario run on a copy of the rig whose banner names another model must say fail. Root, QEMU and the lab's
/// tools only; every board boot costs ~10 s of CPU, so the runs are shared.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LinuxBoardRigTests
{
    private const string BoardMac = "52:54:00:4c:42:01";
    private const string MudUrl = "https://mud.lintra.example/lb-1.json";
    private const string CloudName = "telemetry.lintra.example";
    private const string WatchFilter = $"net 10.78.0.0/16 or ether host {BoardMac}";
    private static readonly string Rig = RepoRoot.Combine("rigs", "linux-board.yaml");
    private static readonly string Smoke = RepoRoot.Combine("suites", "smoke");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(6);

    private TempFolder _temp = null!;
    private ProgramResult _smoke = null!;
    private string? _watchedInterface;
    private IReadOnlyList<string> _leaked = [];
    private IReadOnlyList<string> _namespacesAfter = [];

    private string SmokeRun => _temp.Sub("smoke");

    [OneTimeSetUp]
    public async Task RunTheSmokeSuiteOnTheBoardWhileWatchingTheHostsLink()
    {
        RequireBoardTools();
        _temp = new TempFolder();
        _watchedInterface = await Ip.DefaultRouteInterfaceAsync();
        (_smoke, _leaked) = await LinkWatch.AroundAsync(_watchedInterface, WatchFilter, _temp.Sub("host-link.pcap"),
            () => CertifyProgram.RunAsync(["run", "--rig", Rig, "--suite", Smoke, "--out", SmokeRun, "--seed", "7"], RunDeadline));
        _namespacesAfter = await Ip.NetnsAsync();
    }

    [OneTimeTearDown]
    public void RemoveTheRuns() => _temp?.Dispose();

    private static void RequireBoardTools()
    {
        NetnsSmokeTests.RequireNetnsTools();
        if (!File.Exists("/usr/bin/qemu-system-x86_64"))
            Assert.Ignore("qemu-system-x86_64 is missing (apt-get install -y --no-install-recommends qemu-system-x86; ./certify installs it)");
        if (!File.Exists("/dev/net/tun"))
            Assert.Ignore("/dev/net/tun is missing: the board's network cable is a tap");
    }

    private static string RunEvidence(string run, string suffix) =>
        Path.Combine(run, new RunFolderReader(run).Results["runEvidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(suffix, StringComparison.Ordinal)));

    private static int Slot(string run) => (int)new RunFolderReader(run).Results["run"]!["rig"]!["options"]!["slot"]!;

    [Test]
    public void TheRunExitsZeroWithEveryScenarioTheBoardCanShowPassing()
    {
        var run = new RunFolderReader(SmokeRun);
        Assert.Multiple(() =>
        {
            foreach (var scenario in new[] { "smoke.boot-banner", "smoke.power-cycle", "smoke.dns-query", "smoke.dhcp-mud-url", "smoke.restore-dirty",
                         "smoke.restore-clean", "smoke.factory-boot", "smoke.traffic-captured" })
                Assert.That(run.Verdict(scenario), Is.EqualTo("pass"), $"{scenario}: {run.Reason(scenario)}");
            Assert.That(run.Verdict("smoke.status-endpoint"), Is.EqualTo("skipped"), "the board's status page is text, so its rig gives no dut.status-path");
            Assert.That(run.Reason("smoke.status-endpoint"), Does.Contain("dut.status-path"));
            Assert.That(_smoke.ExitCode, Is.Zero, _smoke.ToString());
        });
    }

    [Test]
    public void TheSerialLogRunsFromSeaBiosOnForEveryBoot()
    {
        var serial = File.ReadAllText(RunEvidence(SmokeRun, "-serial.log"));
        var firstLine = serial.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
        Assert.Multiple(() =>
        {
            Assert.That(firstLine, Does.Contain("SeaBIOS (version"), "the console is connected before the first power-on: SeaBIOS's first line is the log's first");
            var boots = serial.Split("SeaBIOS (version").Length - 1;
            Assert.That(boots, Is.GreaterThanOrEqualTo(10), "SeaBIOS's line on every boot: 8 baselines and 3 power cycles");
            Assert.That(serial, Does.Contain("Lintra LB-1 1.0.0 booted (slot A, stock)").And.Contain("lb-1 login: "));
            Assert.That(serial, Does.Contain("login[").And.Contain("root login on 'ttyS0'"), "the board's own login, as the smoke suite logged in");
        });
    }

    [Test]
    public async Task TheDhcpPcapHoldsTheBoardsBroadcastWithItsMudUrlInOption161()
    {
        var dhcp = await Tshark.MatchingLinesAsync(RunEvidence(SmokeRun, "-dhcp.pcap"),
            $"dhcp.option.type == 161 && eth.src == {BoardMac} && eth.dst == ff:ff:ff:ff:ff:ff", "dhcp.option.dhcp", "dhcp.option.mudurl");
        Assert.That(dhcp, Is.Not.Empty, "tshark decodes the board's DHCP with option 161");
        Assert.That(dhcp, Is.All.EndsWith($"\t{MudUrl}"), "tshark reads option 161 as the board's MUD URL");
        Assert.That(dhcp.Select(l => l.Split('\t')[0]), Does.Contain("1").And.Contain("3"), "DHCPDISCOVER and DHCPREQUEST (udhcpc)");
        var acks = await Tshark.MatchingLinesAsync(RunEvidence(SmokeRun, "-dhcp.pcap"), "dhcp.option.dhcp == 5", "dhcp.ip.your");
        Assert.That(acks, Is.Not.Empty.And.All.EqualTo($"10.78.{Slot(SmokeRun)}.2"), "dnsmasq leases the board its slot's DUT address");
    }

    [Test]
    public async Task TheCaptureHoldsTheBoardsLookupOfItsCloudAndItsTelemetryOverHttps()
    {
        var traffic = new RunFolderReader(SmokeRun).Attempts("smoke.traffic-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(".pcap", StringComparison.Ordinal));
        var pcap = Path.Combine(SmokeRun, traffic);
        var slot = Slot(SmokeRun);
        var lookups = await Tshark.MatchingLinesAsync(pcap, $"dns.flags.response == 0 && dns.qry.name == \"{CloudName}\"", "ip.src", "ip.dst");
        Assert.That(lookups, Is.Not.Empty.And.All.EqualTo($"10.78.{slot}.2\t10.78.{slot}.1"), $"the board asks the lab resolver for {CloudName}");
        var hellos = await Tshark.MatchingLinesAsync(pcap, "tls.handshake.type == 1 && tcp.dstport == 443", "ip.src", "tls.handshake.extensions_server_name");
        Assert.That(hellos, Is.Not.Empty.And.All.StartWith($"10.78.{slot}.2\t"), "the board's telemetry: TLS to port 443");
        Assert.That(hellos, Has.Some.EndsWith(CloudName), "its ClientHello names its cloud");
    }

    [Test]
    public async Task NoPacketOfTheRunLeftItsNamespace()
    {
        if (_watchedInterface is null)
            Assert.Ignore("the root namespace has no default route: there is no link a packet could leave by");
        Assert.That(_leaked, Is.Empty, $"packets of 10.78.0.0/16 or {BoardMac} on {_watchedInterface} (the root namespace's default-route interface) during a board run");

        // Positive control: the same watch (dumpcap, the same filter) sees the board's MAC and subnet where they are — on a
        // veth pair in a namespace of the test's own, where a frame from that MAC to that subnet is sent (the ARP for a host
        // that is not there), never on a link of the machine.
        const string Control = "iotb-watch-control";
        Assert.That((await ExternalProgram.RunAsync("ip", "netns", "add", Control)).ExitCode, Is.Zero, "a namespace of the test's own for the control");
        try
        {
            foreach (var command in new[]
                     {
                         $"link add ctl0 address {BoardMac} type veth peer name ctl1",
                         "link set ctl0 addrgenmode none", "link set ctl1 addrgenmode none",
                         "addr add 10.78.250.2/24 dev ctl0", "link set ctl0 up", "link set ctl1 up",
                     })
                Assert.That((await ExternalProgram.RunAsync("ip", ["-n", Control, .. command.Split(' ')])).ExitCode, Is.Zero, command);
            await using var watch = await LinkWatch.StartAsync("ctl1", WatchFilter, _temp.Sub("control.pcap"), Control);
            // a datagram to a host of the subnet that is not there: the kernel asks for it by ARP from the board's MAC
            Assert.That((await ExternalProgram.RunAsync("ip", "netns", "exec", Control, "bash", "-c", "echo control > /dev/udp/10.78.250.9/9")).ExitCode, Is.Zero);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!(File.Exists(watch.Pcap) && new FileInfo(watch.Pcap).Length > 24) && DateTime.UtcNow < deadline) // a pcap's header alone is 24 bytes
                await Task.Delay(100);
            await watch.StopAsync();
            var seen = await Tshark.MatchingLinesAsync(watch.Pcap, "frame", "eth.src");
            Assert.That(seen, Has.Some.EqualTo(BoardMac), "the watch sees a frame of the board's MAC and subnet where one is sent");
        }
        finally
        {
            await ExternalProgram.RunAsync("ip", "netns", "delete", Control);
        }
    }

    [Test]
    public void TheNamespaceIsGoneAfterTheRun() =>
        Assert.That(_namespacesAfter, Does.Not.Contain($"iotb{Slot(SmokeRun)}-lab"));

    [Test]
    public async Task ARigWhoseBannerNamesAnotherModelSaysFail()
    {
        var tools = RepoRoot.Combine("fixtures", "linux-board");
        var pki = RepoRoot.Combine(".build", "test-pki");
        var rig = File.ReadAllText(Rig)
            .Replace("banner: 'Lintra (?<model>LB-1)", "banner: 'Lintra (?<model>LB-9)", StringComparison.Ordinal)
            .Replace("    build: stock", $"    build: stock\n    tools: {tools}", StringComparison.Ordinal)
            .Replace("  lab:\n", $"  lab:\n    pki: {pki}\n", StringComparison.Ordinal);
        Assert.That(rig, Does.Contain("LB-9").And.Contain($"tools: {tools}").And.Contain($"pki: {pki}"), "the copy differs from the shipped rig by its banner only");
        var file = _temp.Write("linux-board-wrong-banner.yaml", rig);
        var result = await CertifyProgram.RunAsync(["run", "--rig", file, "--suite", Smoke, "--filter", "smoke.boot-banner", "--out", _temp.Sub("wrong-banner")], RunDeadline);
        var run = new RunFolderReader(_temp.Sub("wrong-banner"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("fail"));
            Assert.That(run.Reason("smoke.boot-banner"), Does.Contain("LB-9"));
            Assert.That(File.ReadAllText(RunEvidence(_temp.Sub("wrong-banner"), "-serial.log")), Does.Contain("Lintra LB-1 1.0.0 booted"),
                "the board did boot and print its own banner: the rig's fact is what failed");
        });
    }
}
