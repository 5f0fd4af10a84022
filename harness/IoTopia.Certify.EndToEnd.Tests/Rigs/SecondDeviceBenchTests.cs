using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The second test device (fixtures/second-device: Norda NT-2, a Python program that is not the reference device) on
/// its <c>kind: bench</c> rig, rigs/second-device.yaml, through the built program: what already works on it gives
/// the right verdict for the right reason. The ignored tests are what issue 11 still has to make right on a bench;
/// fixtures/second-device/README.md ("Verdicts today") says scenario by scenario what each suite gives now.
/// </summary>
[TestFixture]
[NonParallelizable] // one bench per machine: /tmp/iotopia-second-device
public sealed class SecondDeviceBenchTests
{
    private const string Password = "kv7-Tq2m-Hx9"; // the unit's label password, in rigs/second-device.yaml
    private static readonly string Bench = RepoRoot.Combine("fixtures", "second-device", "bench");
    private static readonly string Rig = RepoRoot.Combine("rigs", "second-device.yaml");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    [OneTimeSetUp]
    public void RequireTools()
    {
        ExternalProgram.Require("socat", "socat");
        ExternalProgram.Require("python3", "python3");
    }

    [TearDown]
    public Task UnplugAsync() => BenchAsync("down");

    [Test]
    public async Task TheRigLintsWithTheSuitesItRuns()
    {
        var result = await CertifyProgram.RunAsync("lint", "--rig", Rig, "--suite", RepoRoot.Combine("suites", "smoke"), "--suite", RepoRoot.Combine("suites", "intent"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task ItsBootBannerAndAPowerCyclePass()
    {
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.boot-banner,smoke.power-cycle");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var banner = run.Attempts("smoke.boot-banner")[0]!["steps"]![0]!;
        var powerCommands = run.JournalEvents().Select(e => (string?)e["text"]).OfType<string>().Where(t => t.StartsWith("power ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("pass"));
            Assert.That(run.Verdict("smoke.power-cycle"), Is.EqualTo("pass"));
            Assert.That((string?)banner["reason"], Does.Contain("norda: model NT-2 s/n NT2-000042 firmware 3.1.4"));
            Assert.That(powerCommands, Has.Some.Contains("fixtures/second-device/bench\" off` exited with 0"));
            Assert.That(powerCommands, Has.Some.Contains("fixtures/second-device/bench\" on` exited with 0"));
        });
    }

    [Test]
    public async Task WithoutItsBannerTheBootBannerCheckFailsNamingThePattern()
    {
        using var temp = new TempFolder();
        await UpAsync("--flaw", "no-banner");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.boot-banner");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("fail"));
        Assert.That(run.Reason("smoke.boot-banner"), Does.Contain("/norda: model (?<model>\\S+) s/n").And.Contain("not seen within 30s"));
    }

    [Test]
    public async Task ItsConsoleLogsInAnswersAndRefusesAWrongPassword()
    {
        using var temp = new TempFolder();
        var suite = temp.Write("console.yaml", """
            suite: nt2-console
            scenarios:
              - id: nt2.login
                title: The console logs in with the rig's password and answers the version command
                kind: rig-check
                needs: [serial, power]
                timeout: 60s
                steps:
                  - serial.expect: { pattern: "${dut.ready}", within: 30s }
                  - serial.login: { user: "${dut.login-user}", password: "${dut.login-password}", prompt: "${dut.login-prompt}", shell-prompt: "${dut.shell-prompt}", within: 20s }
                  - serial.send: { text: "${dut.version-command}" }
                  - serial.expect: { pattern: 'NT-2 firmware 3\.1\.4 s/n NT2-000042\r\n', within: 10s }
              - id: nt2.wrong-password
                title: A wrong password is refused
                kind: rig-check
                needs: [serial, power]
                timeout: 60s
                steps:
                  - serial.expect: { pattern: "${dut.ready}", within: 30s }
                  - serial.login: { user: "${dut.login-user}", password: not-the-label-password, prompt: "${dut.login-prompt}", shell-prompt: "${dut.shell-prompt}", within: 20s }
            """);
        await UpAsync();

        var result = await RunAsync(temp, "--suite", suite);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Verdict("nt2.login"), Is.EqualTo("pass"), run.Reason("nt2.login"));
            Assert.That(run.Verdict("nt2.wrong-password"), Is.EqualTo("fail"));
            Assert.That(run.Reason("nt2.wrong-password"), Does.Contain("the DUT refused the login of 'admin'"));
        });
    }

    [Test]
    public async Task ItsDhcpInformWithOption161IsCapturedOnLo()
    {
        RequireRoot();
        using var temp = new TempFolder();
        var suite = temp.Write("capture.yaml", """
            suite: nt2-capture
            scenarios:
              - id: nt2.dhcp-captured
                title: The DUT's DHCPINFORM to the lab address is captured
                kind: rig-check
                needs: [power, capture]
                timeout: 60s
                steps:
                  - capture.start: { name: boot }
                  - capture.expect: { name: boot, seen: { host: 127.88.0.1, port: 67, proto: udp }, within: 15s }
                  - capture.stop: { name: boot }
            """);
        await UpAsync();

        var result = await RunAsync(temp, "--suite", suite);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var pcap = Path.Combine(temp.Sub("run"), (string)run.Attempts("nt2.dhcp-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
            .Single(e => ((string)e!["path"]!).EndsWith(".pcap", StringComparison.Ordinal))!["path"]!);
        var informs = await Tshark.MatchingLinesAsync(pcap, "dhcp.option.dhcp == 8", "ip.src", "dhcp.ip.client", "dhcp.option.mudurl");
        Assert.That(informs, Has.Some.EqualTo("127.88.0.2\t127.88.0.2\thttps://mud.norda.example/nt-2.json"), "tshark reads option 161 from the pcap evidence");
    }

    [Test]
    public async Task WithoutOption161IotInt01Fails()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync("--flaw", "no-mud-url");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-01");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-01")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.mud-url"), Does.Contain("announced no MUD URL"));
    }

    [Test]
    public async Task IotInt03VerifiesTheManufacturersSignedFileTheRigNames()
    {
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var step = run.Attempts("intent.mud-signature")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run.Requirement("IOT-INT-03")["verdict"], Is.EqualTo("pass"));
            Assert.That((string?)step["details"]!["checked"], Does.Contain("named by").And.Contain("second-device.yaml"));
            Assert.That(step["details"]!["trustAnchor"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "CN=Norda MUD CA, O=Norda" }));
        });
    }

    // What issue 11 has still to make right on a bench (fixtures/second-device/README.md, "Verdicts today").

    [Test]
    [Ignore("waits for issue 11 item 3: intent.mud-url stops waiting at once when the rig has no lab DHCP or HTTPS, so a unit whose network comes up 2 s after power-on is inconclusive")]
    public async Task IotInt01PassesFromTheCaptureAloneWhenTheNetworkComesUpLate()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync("--net-delay", "2");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-01");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That((string?)new RunFolderReader(temp.Sub("run")).Requirement("IOT-INT-01")["verdict"], Is.EqualTo("pass"));
    }

    [Test]
    [Ignore("waits for issue 11 item 1: the bench cannot state its lab network, so the DUT's DHCP and DNS to the lab are judged as violations")]
    public async Task IotInt04PassesOnTheCompliantUnit()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-04");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That((string?)new RunFolderReader(temp.Sub("run")).Requirement("IOT-INT-04")["verdict"], Is.EqualTo("pass"));
    }

    [Test]
    [Ignore("waits for issue 11 items 1 and 3: the lab's DHCP and DNS are listed as violations before the tracker")]
    public async Task IotInt04FailsNamingOnlyTheTracker()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync("--flaw", "tracker");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-04");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-04")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.flows"), Does.Contain(":9000").And.Not.Contain(":67 ").And.Not.Contain(":53 "));
    }

    [Test]
    public async Task ARunLeavesTheUnitPoweredOff()
    {
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.boot-banner");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That((await ExternalProgram.RunAsync(Bench, "status")).Stdout.Trim(), Is.EqualTo("off"));
    }

    [Test]
    [Ignore("waits for issue 11 item 7: the rig file is copied verbatim into inputs/rig/, login-password included")]
    public async Task TheConsolePasswordIsNowhereInTheRunFolder()
    {
        using var temp = new TempFolder();
        await UpAsync();

        await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.restore-dirty");

        var holding = Directory.EnumerateFiles(temp.Sub("run"), "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(Password, StringComparison.Ordinal)).ToList();
        Assert.That(holding, Is.Empty);
    }

    private static void RequireRoot()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("capture on lo needs root (or CAP_NET_RAW)");
    }

    private static Task<ProgramResult> RunAsync(TempFolder temp, params string[] args) =>
        CertifyProgram.RunAsync(["run", "--rig", Rig, "--out", temp.Sub("run"), .. args], RunDeadline);

    /// <summary>A fresh bench: whatever a killed test left is unplugged first.</summary>
    private static async Task UpAsync(params string[] options)
    {
        await BenchAsync("down");
        await BenchAsync(["up", .. options]);
    }

    private static async Task BenchAsync(params string[] args)
    {
        var result = await ExternalProgram.RunAsync(Bench, args, TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, $"bench {string.Join(' ', args)}: {result}");
    }
}
