using System.Text.RegularExpressions;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The second test device (fixtures/second-device: Norda NT-2, a Python program that is not the reference device) on
/// its <c>kind: bench</c> rig, rigs/second-device.yaml (the lab network on lo: DHCP listener, resolver, HTTPS hosts,
/// MUD server), through the built program: what it does right passes, what it breaks fails for the stated reason,
/// nothing is error. fixtures/second-device/README.md ("Verdicts") says scenario by scenario what each suite gives.
/// The fixture has a bench of its own (<see cref="SecondDeviceBench"/>): other fixtures run beside it.
/// </summary>
[TestFixture]
public sealed class SecondDeviceBenchTests
{
    private const string Password = "kv7-Tq2m-Hx9"; // the unit's label password, in rigs/second-device.yaml
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    private SecondDeviceBench _bench = null!;

    [OneTimeSetUp]
    public void TakeABench()
    {
        ExternalProgram.Require("socat", "socat");
        ExternalProgram.Require("python3", "python3");
        _bench = SecondDeviceBench.Take();
    }

    [OneTimeTearDown]
    public async Task LetGoOfTheBenchAsync()
    {
        if (_bench is not null)
            await _bench.DisposeAsync();
    }

    [TearDown]
    public async Task UnplugAsync() => await _bench.RunAsync("down");

    [Test]
    public async Task TheRigLintsWithTheSuitesItRuns()
    {
        var result = await CertifyProgram.RunAsync("lint", "--rig", SecondDeviceBench.ShippedRig, "--suite", RepoRoot.Combine("suites", "smoke"), "--suite", RepoRoot.Combine("suites", "intent"));
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
        // a unit that never prints its banner fails at any deadline: the shipped 30 s, shortened, only makes it sooner
        var smoke = ShortenedSuite.Write(temp, "smoke", ("{ pattern: \"${dut.banner}\", within: 30s, save-as: banner }", "{ pattern: \"${dut.banner}\", within: 5s, save-as: banner }"));
        await UpAsync("--flaw", "no-banner");

        var result = await RunAsync(temp, "--suite", smoke, "--filter", "smoke.boot-banner");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("fail"));
        Assert.That(run.Reason("smoke.boot-banner"), Does.Contain("/norda: model (?<model>\\S+) s/n").And.Contain("not seen within 5s"));
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
        var suite = temp.Write("capture.yaml", $$"""
            suite: nt2-capture
            scenarios:
              - id: nt2.dhcp-captured
                title: The DUT's DHCPINFORM to the lab address is captured
                kind: rig-check
                needs: [power, capture]
                timeout: 60s
                steps:
                  - capture.start: { name: boot }
                  - capture.expect: { name: boot, seen: { host: {{_bench.Lab}}, port: 67, proto: udp }, within: 15s }
                  - capture.stop: { name: boot }
            """);
        var captureOnly = Variant(temp, rig => rig.Replace("services: [dhcp, dns, https, mud]", "services: []")); // no ACK: the unit resends, after the capture started
        await UpAsync();

        var result = await CertifyProgram.RunAsync(["run", "--rig", captureOnly, "--out", temp.Sub("run"), "--suite", suite], RunDeadline);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var pcap = Path.Combine(temp.Sub("run"), (string)run.Attempts("nt2.dhcp-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
            .Single(e => ((string)e!["path"]!).EndsWith(".pcap", StringComparison.Ordinal))!["path"]!);
        var informs = await Tshark.MatchingLinesAsync(pcap, "dhcp.option.dhcp == 8", "ip.src", "dhcp.ip.client", "dhcp.option.mudurl");
        Assert.That(informs, Has.Some.EqualTo($"{_bench.Dut}\t{_bench.Dut}\thttps://mud.norda.example/nt-2.json"), "tshark reads option 161 from the pcap evidence");
    }

    [Test]
    public async Task WithoutOption161IotInt01Fails()
    {
        RequireRoot();
        using var temp = new TempFolder();
        // a unit that announces no URL fails at any deadline: the shipped 30 s wait for its channels, shortened, only ends sooner
        var intent = ShortenedSuite.Write(temp, "intent", ("intent.mud-url: { within: 30s,", "intent.mud-url: { within: 10s,"));
        await UpAsync("--flaw", "no-mud-url");

        var result = await RunAsync(temp, "--suite", intent, "--filter", "IOT-INT-01");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-01")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.mud-url"), Does.Contain("announced no MUD URL"));
    }

    [Test]
    public async Task IotInt03VerifiesTheManufacturersSignedFileTheRigNames()
    {
        RequireRoot();
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

    [Test]
    public async Task AUnitAnnouncingAnotherMudUrlFailsIotInt03NamingBothUrls()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync("--flaw", "wrong-mud-url");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var step = run.Attempts("intent.mud-signature")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run.Requirement("IOT-INT-03")["verdict"], Is.EqualTo("fail"));
            Assert.That(run.Reason("intent.mud-signature"), Does.Contain($"announces the MUD URL {BetaUrl}").And.Contain(MudUrl));
            Assert.That((string?)step["details"]!["announcedUrl"], Is.EqualTo(BetaUrl));
        });
    }

    [Test]
    public async Task OnABenchWithoutLabServicesAUnitAnnouncingAnotherMudUrlFailsIotInt03()
    {
        RequireRoot();
        using var temp = new TempFolder();
        var offline = Variant(temp, rig => Regex.Replace(rig, "(?ms)^  lab:.*?(?=^  mud:)", $"  capture: {{ kind: live, interface: lo, dut-address: {_bench.Dut} }}\n"));
        await UpAsync("--flaw", "wrong-mud-url");

        var wrong = await CertifyProgram.RunAsync(["run", "--rig", offline, "--out", temp.Sub("wrong"), "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03"], RunDeadline);

        Assert.That(wrong.ExitCode, Is.EqualTo(1), wrong.ToString());
        var run = new RunFolderReader(temp.Sub("wrong"));
        var step = run.Attempts("intent.mud-signature")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(run.Reason("intent.mud-signature"), Does.Contain($"the DUT announces the MUD URL {BetaUrl}, but the MUD file's mud-url is {MudUrl}"));
            Assert.That((string?)step["details"]!["checked"], Does.Contain("not fetched"));
            Assert.That(step["evidence"]!.AsArray().Select(e => (string?)e!["path"]), Has.Some.EndsWith(".pcap"), "the DHCPINFORM it judged by is evidence");
        });

        await UpAsync();
        var right = await CertifyProgram.RunAsync(["run", "--rig", offline, "--out", temp.Sub("right"), "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03"], RunDeadline);
        Assert.That(right.ExitCode, Is.Zero, right.ToString());
        Assert.That((string?)new RunFolderReader(temp.Sub("right")).Attempts("intent.mud-signature")[0]!["steps"]![0]!["details"]!["announcedUrl"], Is.EqualTo(MudUrl));
    }

    [Test]
    public async Task WithoutAPublishedSignatureAndTrustAnchorIotInt03FailsAsUnsigned()
    {
        RequireRoot();
        using var temp = new TempFolder();
        var unsigned = Variant(temp, rig => rig.Replace("    signature: " + Fixtures + "second-device/mud/nt-2.p7s\n", "")
            .Replace("    trust-anchor: " + Fixtures + "second-device/mud/norda-mud-ca.pem\n", ""));
        Assert.That(File.ReadAllText(unsigned), Does.Not.Contain("trust-anchor:").And.Not.Contain("signature:"));
        await UpAsync();

        var result = await CertifyProgram.RunAsync(["run", "--rig", unsigned, "--out", temp.Sub("run"), "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03"], RunDeadline);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-03")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.mud-signature"), Does.Contain("unsigned"));
    }

    [Test]
    public async Task IotInt01PassesOnTheLabsDhcpAndTheCapture()
    {
        RequireRoot();
        using var temp = new TempFolder();
        // the NT-2 has no certificate channel, so the step waits out its whole window for one: shortened, the DHCPINFORM
        // of its boot (seconds after power on) still falls inside it
        var intent = ShortenedSuite.Write(temp, "intent", ("intent.mud-url: { within: 30s,", "intent.mud-url: { within: 15s,"));
        await UpAsync();

        var result = await RunAsync(temp, "--suite", intent, "--filter", "IOT-INT-01");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-01")["verdict"], Is.EqualTo("pass"));
        var step = run.Attempts("intent.mud-url")[0]!["steps"]![1]!;
        Assert.That((string?)step["reason"], Does.Contain(MudUrl).And.Contain("DHCPv4 option 161"));
        var vias = step["details"]!["urls"]!.AsArray().Select(u => (string?)u!["via"]).ToList();
        Assert.That(vias, Has.Some.StartsWith("the lab's DHCP listener"), "the lab's DHCP listener (the capture sees the boot's one DHCPINFORM only when it starts before the ACK)");
    }

    [Test]
    public async Task IotInt01PassesFromTheCaptureAloneWhenTheNetworkComesUpLate()
    {
        RequireRoot();
        using var temp = new TempFolder();
        var captureOnly = Variant(temp, rig => rig.Replace("services: [dhcp, dns, https, mud]", "services: []"));
        await UpAsync("--net-delay", "2");

        var result = await CertifyProgram.RunAsync(["run", "--rig", captureOnly, "--out", temp.Sub("run"), "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-01"], RunDeadline);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-01")["verdict"], Is.EqualTo("pass"));
        var step = run.Attempts("intent.mud-url")[0]!["steps"]![1]!;
        Assert.That(step["details"]!["urls"]!.AsArray().Select(u => (string?)u!["via"]), Is.All.StartWith("capture 'traffic'"), "the capture is the only channel");
    }

    [Test]
    public async Task SmokePassesOnTheLabRig()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"));

        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            foreach (var id in new[] { "smoke.boot-banner", "smoke.power-cycle", "smoke.dns-query", "smoke.dhcp-mud-url", "smoke.status-endpoint", "smoke.restore-dirty", "smoke.restore-clean", "smoke.factory-boot" })
                Assert.That(run.Verdict(id), Is.EqualTo("pass"), $"{id}: {run.Reason(id)}");
            // smoke.traffic-captured boots the unit inside its capture: the NT-2 resolves its cloud once and caches the
            // answer for 30 s, so a capture opened after boot could not name its telemetry
            Assert.That(run.Verdict("smoke.traffic-captured"), Is.EqualTo("pass"), run.Reason("smoke.traffic-captured"));
        });
    }

    [Test]
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
    public async Task IotInt04FailsNamingOnlyTheTracker()
    {
        RequireRoot();
        using var temp = new TempFolder();
        await UpAsync("--flaw", "tracker");

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-04");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-04")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.flows"), Does.Contain(":9000").And.Contain("beacon.adtrack.example").And.Not.Contain($"{_bench.Lab}:"), "nothing with the lab's own address (its DHCP, its resolver)");
    }

    [Test]
    public async Task ARunLeavesTheUnitPoweredOff()
    {
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.boot-banner");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That((await _bench.RunAsync("status")).Stdout.Trim(), Is.EqualTo("off"));
    }

    [Test]
    public async Task TheConsolePasswordIsNowhereInTheRunFolder()
    {
        using var temp = new TempFolder();
        await UpAsync();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.restore-dirty");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.restore-dirty"), Is.EqualTo("pass"), "the control: the scenario logged in twice with the password");
        var copy = Directory.EnumerateFiles(Path.Combine(temp.Sub("run"), "inputs"), "*second-device.yaml", SearchOption.AllDirectories).Single();
        Assert.That(File.ReadAllText(copy), Does.Contain("login-password:"), "the rig file is copied, its secret redacted");
        var holding = Directory.EnumerateFiles(temp.Sub("run"), "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(Password, StringComparison.Ordinal)).ToList();
        Assert.That(holding, Is.Empty);
    }

    private const string MudUrl = "https://mud.norda.example/nt-2.json";
    private const string BetaUrl = "https://mud.norda.example/nt-2-beta.json";
    private static readonly string Fixtures = RepoRoot.Combine("fixtures") + "/";

    /// <summary>The bench's rig file (rigs/second-device.yaml on bench 0) changed by <paramref name="edit"/>, written into <paramref name="temp"/> with its paths made absolute.</summary>
    private string Variant(TempFolder temp, Func<string, string> edit)
    {
        var text = File.ReadAllText(_bench.Rig).Replace("../fixtures/", Fixtures, StringComparison.Ordinal)
            .Replace("services: [dhcp, dns, https, mud]", $"services: [dhcp, dns, https, mud]\n    pki: {RepoRoot.Combine(".build", "test-pki")}", StringComparison.Ordinal);
        var changed = edit(text);
        Assert.That(changed, Is.Not.EqualTo(text), "the variant changes the rig");
        return temp.Write($"second-device-{Guid.NewGuid():N}.yaml", changed);
    }

    private static void RequireRoot()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("capture on lo needs root (or CAP_NET_RAW)");
    }

    private Task<ProgramResult> RunAsync(TempFolder temp, params string[] args) =>
        CertifyProgram.RunAsync(["run", "--rig", _bench.Rig, "--out", temp.Sub("run"), .. args], RunDeadline);

    private Task UpAsync(params string[] options) => _bench.UpAsync(options);
}
