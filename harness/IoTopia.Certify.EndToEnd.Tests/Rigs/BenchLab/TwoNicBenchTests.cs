using IoTopia.Certify.EndToEnd.Tests.Support;
using IoTopia.Certify.TestKit.Rigs;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs.BenchLab;

/// <summary>
/// The README's walkthrough "A real two-NIC bench, step by step", followed in network namespaces
/// (<see cref="BenchLabTopology"/>): a veth pair stands for the USB Ethernet adapter and its cable, a socat pty pair
/// for the USB serial cable, <c>exec</c> power (starting the device in the DUT namespace, SIGKILLing it) for the
/// relay, and the DUT is the second test device (fixtures/second-device, Norda NT-2) on its own address there. The
/// rig file has the walkthrough's shape (<c>kind: bench</c>, <c>drivers.lab</c> on the card with dnsmasq, resolver,
/// HTTPS hosts and MUD server); lint shows each capability with its driver, then smoke and intent run.
/// </summary>
[TestFixture]
public sealed class TwoNicBenchTests
{
    private const string DutAddress = "192.168.77.2";
    private const string Password = "kv7-Tq2m-Hx9";
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(4);

    private TempFolder _temp = null!;
    private BenchLabTopology _bench = null!;
    private StandaloneSocatPair? _cable;
    private string _rig = null!;
    private ProgramResult _lint = null!;
    private ProgramResult _smoke = null!;
    private ProgramResult _intent = null!;
    private IReadOnlyList<string> _addressesAfter = [];

    private string SmokeRun => _temp.Sub("smoke");
    private string IntentRun => _temp.Sub("intent");

    [OneTimeSetUp]
    public async Task FollowTheWalkthrough()
    {
        BenchLabTopology.Require();
        Socat.Require();
        _temp = new TempFolder("two-nic-");
        _bench = await BenchLabTopology.CreateAsync();
        // the DUT's own static address on its card: the NT-2 sends a unicast DHCPINFORM from it
        await ExternalProgram.OutputAsync("ip", "-n", _bench.DutNamespace, "addr", "add", $"{DutAddress}/24", "dev", BenchLabTopology.DutInterface);
        Directory.CreateDirectory(_temp.Sub("cable"));
        using (var plugging = new CancellationTokenSource(Socat.StartDeadline))
            _cable = await StandaloneSocatPair.StartAsync(_temp.Sub("cable"), plugging.Token); // the USB serial cable
        _rig = WriteRig();

        _lint = await _bench.RunCertifyAsync(["lint", "--rig", _rig, "--suite", RepoRoot.Combine("suites", "smoke"), "--suite", RepoRoot.Combine("suites", "intent")], RunDeadline);
        _smoke = await _bench.RunCertifyAsync(["run", "--rig", _rig, "--suite", RepoRoot.Combine("suites", "smoke"), "--out", SmokeRun], RunDeadline);
        _intent = await _bench.RunCertifyAsync(["run", "--rig", _rig, "--suite", RepoRoot.Combine("suites", "intent"), "--param", "observe=6s", "--out", IntentRun], RunDeadline);
        _addressesAfter = await _bench.LabAddressesAsync();
    }

    [OneTimeTearDown]
    public async Task Unplug()
    {
        if (_bench is not null)
            await _bench.DisposeAsync();
        if (_cable is not null)
            await _cable.DisposeAsync();
        _temp?.Dispose();
    }

    [Test]
    public void LintShowsEachCapabilityWithItsDriver()
    {
        Assert.That(_lint.ExitCode, Is.Zero, _lint.ToString());
        Assert.That(_lint.Stdout, Does.StartWith("ok: ")
            .And.Contain($"  serial          serial tty\t{_cable!.LabEnd} at 115200 baud")
            .And.Contain($"  capture         live capture on the lab network\t{BenchLabTopology.LabInterface}, DUT {DutAddress}")
            .And.Contain($"  dhcp            lab service 'dhcp'\tdnsmasq on {BenchLabTopology.LabInterface}")
            .And.Contain("dut.login-password (its key names a password): redacted in the run folder"));
    }

    [Test]
    public void SmokePassesOrSkipsNamingTheMissingKey()
    {
        var run = new RunFolderReader(SmokeRun);
        Assert.That(_smoke.ExitCode, Is.Zero, _smoke.ToString());
        Assert.Multiple(() =>
        {
            // smoke.traffic-captured boots the DUT inside its capture, so the lookup that names the cloud is in it
            foreach (var id in new[] { "smoke.boot-banner", "smoke.power-cycle", "smoke.dns-query", "smoke.dhcp-mud-url", "smoke.restore-dirty", "smoke.restore-clean", "smoke.factory-boot", "smoke.traffic-captured" })
                Assert.That(run.Verdict(id), Is.EqualTo("pass"), $"{id}: {run.Reason(id)}");
            Assert.That(run.Verdict("smoke.status-endpoint"), Is.EqualTo("skipped"), run.Reason("smoke.status-endpoint"));
        });
    }

    [Test]
    public void TheIntentPillarPasses()
    {
        Assert.That(_intent.ExitCode, Is.Zero, _intent.ToString());
        var run = new RunFolderReader(IntentRun);
        foreach (var requirement in new[] { "IOT-INT-01", "IOT-INT-02", "IOT-INT-03", "IOT-INT-04" })
            Assert.That((string?)run.Requirement(requirement)["verdict"], Is.EqualTo("pass"), $"{requirement}: {run.Requirement(requirement)["reason"]}");
    }

    [Test]
    public void TheLabsAddressesAreGoneAndThePasswordIsInNoFile()
    {
        Assert.That(_addressesAfter, Is.Empty, "the lab's addresses were removed from the card after the run");
        var holding = new[] { SmokeRun, IntentRun }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains(Password, StringComparison.Ordinal)).ToList();
        Assert.That(holding, Is.Empty);
    }

    /// <summary>The walkthrough's rig file, with this bench's card, console, relay (exec power into the DUT namespace) and the NT-2's facts.</summary>
    private string WriteRig()
    {
        var flash = _temp.Sub("flash");
        var config = _temp.Write("nt2.ini", $"""
            [device]
            model = NT-2
            serial = NT2-000077
            firmware = 3.1.4
            password = {Password}
            state = {flash}

            [network]
            address = {DutAddress}
            lab = {BenchLabTopology.Lab}
            mud-url = https://mud.norda.example/nt-2.json
            cloud = ingest.norda.example
            report-every = 2
            allowed = {BenchLabTopology.Subnet}
            """);
        var pid = _temp.Sub("dut.pid");
        var program = $"/usr/bin/python3 {RepoRoot.Combine("fixtures", "second-device", "nt2")} --config {config} --console {_cable!.DeviceEnd}";
        var mud = RepoRoot.Combine("fixtures", "second-device", "mud");
        return _temp.Write("two-nic-bench.yaml", $"""
            name: two-nic-bench
            kind: bench
            description: Norda NT-2 on a veth (the USB Ethernet adapter), a socat pty (the USB serial cable) and exec power (the relay).
            dut:
              model: NT-2
              serial: NT2-000077
              firmware: 3.1.4
              mac: {BenchLabTopology.DutMac}
              banner: 'norda: model (?<model>\S+) s/n (?<serial>\S+) firmware (?<firmware>\S+)'
              ready: '(?m)^norda: up\r?$'
              login-user: admin
              login-password: {Password}
              login-prompt: 'login: $'
              shell-prompt: 'admin@nt2:~\$ $'
              marker-write-command: |
                cfg set certify-marker present
                cfg save
              marker-read-command: cfg get certify-marker
              marker-line: certify-marker = present
              first-boot: '(?m)^norda: flash blank, writing factory settings\r?$'
              cloud-name: ingest.norda.example
              mud-url-source: dhcp
            drivers:
              serial:
                port: {_cable!.LabEnd}
                baud: 115200
              power:
                kind: exec
                on: 'ip netns exec {_bench.DutNamespace} {program} >>{_temp.Sub("dut.log")} 2>&1 </dev/null & echo $! >{pid}'
                off: 'if [ -f {pid} ]; then kill -9 $(cat {pid}) 2>/dev/null; rm -f {pid}; fi; true'
                timeout: 15s
              restore:
                kind: command
                command: rm -rf {flash}
              lab:
                interface: {BenchLabTopology.LabInterface}
                subnet: {BenchLabTopology.Subnet}
                services: [dhcp, dns, https, mud]
                pki: {RepoRoot.Combine(".build", "test-pki")}
              mud:
                file: {mud}/nt-2.json
                signature: {mud}/nt-2.p7s
                trust-anchor: {mud}/norda-mud-ca.pem
            """);
    }
}
