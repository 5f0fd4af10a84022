using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The second test device (fixtures/second-device, Norda NT-2) on its bench rig, rigs/second-device.yaml: its plain-HTTP
/// status page on port 8080 gets a real verdict (dut.web-scheme, dut.web-port), and whether a run ends, is stopped with
/// Ctrl-C, or is killed and resumed, the unit is left powered off — the bench's own status says off and no process of
/// the device is left (a scan of /proc for this bench's unit) — and the journal says so. The fixture has a bench of its
/// own (<see cref="SecondDeviceBench"/>): other fixtures run beside it.
/// </summary>
[TestFixture]
public sealed class SecondDeviceEndOfRunTests
{
    private static readonly string DeviceProgram = RepoRoot.Combine("fixtures", "second-device", "nt2");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    /// <summary>A scenario that holds the unit on for a while: where a test stops or kills the harness.</summary>
    private const string HoldSuite = """
        suite: nt2-hold
        scenarios:
          - id: nt2.hold
            title: The unit boots and stays on for a while
            kind: rig-check
            needs: [serial, power]
            timeout: 90s
            steps:
              - serial.expect: { pattern: "${dut.ready}", within: 30s }
              - wait: 8s
        """;

    private SecondDeviceBench _bench = null!;

    private string Rig => _bench.Rig;

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

    [SetUp]
    public async Task PlugInAsync() => await _bench.UpAsync();

    [TearDown]
    public async Task UnplugAsync() => await _bench.RunAsync("down");

    [Test]
    public async Task ItsPlainHttpStatusPagePassesAndTheRunLeavesItOffWithNoProcessBehind()
    {
        using var temp = new TempFolder();

        var result = await RunAsync(temp, "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.status-endpoint");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var step = run.Attempts("smoke.status-endpoint")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(run.Verdict("smoke.status-endpoint"), Is.EqualTo("pass"), run.Reason("smoke.status-endpoint"));
            Assert.That((string?)step["details"]!["url"], Is.EqualTo($"http://{_bench.Dut}:8080/status"));
            Assert.That((string?)step["details"]!["transport"], Does.StartWith("plain http: no TLS"));
            Assert.That((string?)step["observed"], Is.EqualTo("NT-2"));
            Assert.That(step["evidence"]!.AsArray().Select(e => (string?)e!["kind"]), Is.EqualTo(new[] { "plain-http-response" }));
        });
        await AssertOffAsync(run, "off");
    }

    [Test]
    public async Task CtrlCPowersItOffAndResumeEndsWithItOffToo()
    {
        using var temp = new TempFolder();
        var suite = temp.Write("hold.yaml", HoldSuite);
        var runDir = temp.Sub("run");

        using (var harness = CertifyProgram.Start(["run", "--rig", Rig, "--suite", suite, "--out", runDir]))
        {
            await WaitForHoldAsync(harness, runDir);
            Assert.That(await StatusAsync(), Is.EqualTo("on"), "the unit is on while the scenario runs");
            await LinuxProcess.SignalAsync(harness.Id, "INT");
            var result = await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(60));
            Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        }
        await AssertOffAsync(new RunFolderReader(runDir), "off");

        var resumed = await CertifyProgram.RunAsync(["resume", runDir], RunDeadline);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        var run = new RunFolderReader(runDir);
        Assert.That(run.Verdict("nt2.hold"), Is.EqualTo("pass"));
        await AssertOffAsync(run, "off", "off");
    }

    [Test]
    public async Task AKilledHarnessLeavesItOnAndResumePowersItOff()
    {
        using var temp = new TempFolder();
        var suite = temp.Write("hold.yaml", HoldSuite);
        var runDir = temp.Sub("run");

        using (var harness = CertifyProgram.Start(["run", "--rig", Rig, "--suite", suite, "--out", runDir]))
        {
            await WaitForHoldAsync(harness, runDir);
            harness.Kill(); // SIGKILL: nothing of the harness runs after it
            await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(30));
        }
        Assert.That(await StatusAsync(), Is.EqualTo("on"), "a killed harness cannot switch the unit off: its relay keeps it on");

        var resumed = await CertifyProgram.RunAsync(["resume", runDir], RunDeadline);

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        await AssertOffAsync(new RunFolderReader(runDir), "off");
    }

    /// <summary>Until the scenario holds the unit on; a harness that ends before that fails the test with its output.</summary>
    private static async Task WaitForHoldAsync(System.Diagnostics.Process harness, string runDir)
    {
        var journal = Path.Combine(runDir, "journal.jsonl");
        await Poll.UntilAsync(() => harness.HasExited
                                    || (File.Exists(journal) && LiveJournal.Find(journal, e => (string?)e["type"] == "step-started" && (string?)e["name"] == "wait") is not null),
            TimeSpan.FromSeconds(120), "the unit booted and the scenario holding it on");
        if (harness.HasExited)
            Assert.Fail($"the harness ended before the scenario held the unit on: {await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(10))}");
    }

    /// <summary>The bench's relay says off, no process of the device is alive, and the journal's end-of-run notes say what the harness did.</summary>
    private async Task AssertOffAsync(RunFolderReader run, params string[] endOfRunNotes)
    {
        var notes = run.JournalEvents().Where(e => e["data"] is JsonObject data && data["dutPowerAtEnd"] is not null).ToList();
        var status = await StatusAsync();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo("off"), "fixtures/second-device/bench status");
            Assert.That(DeviceProcesses(), Is.Empty, "no process of the device is left");
            Assert.That(notes.Select(n => (string?)n["data"]!["dutPowerAtEnd"]), Is.EqualTo(endOfRunNotes));
            Assert.That(notes.Select(n => (string?)n["text"]), Has.All.StartWith("end of run: the DUT was powered off (the power status says off"));
        });
    }

    private async Task<string> StatusAsync() => (await _bench.RunAsync("status")).Stdout.Trim();

    /// <summary>Every live process whose command line runs the device program on this bench's console (an NT-2 of another bench is not this unit).</summary>
    private List<string> DeviceProcesses()
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllText(Path.Combine(folder, "stat")).Split(')')[^1].Trim().Split(' ')[0];
                if (cmdline.Contains(DeviceProgram, StringComparison.Ordinal) && cmdline.Contains($"--console {_bench.DeviceConsole} ", StringComparison.Ordinal) && state != "Z")
                    found.Add($"{Path.GetFileName(folder)}: {cmdline}");
            }
            catch (IOException)
            {
                // the process ended while it was read
            }
        }
        return found;
    }

    private Task<ProgramResult> RunAsync(TempFolder temp, params string[] args) =>
        CertifyProgram.RunAsync(["run", "--rig", Rig, "--out", temp.Sub("run"), .. args], RunDeadline);
}
