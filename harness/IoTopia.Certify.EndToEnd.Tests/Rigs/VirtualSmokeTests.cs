using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using System.Xml.Linq;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>The smoke suite on the default virtual rig, through the built program: the reference device in its own process.</summary>
[TestFixture]
public sealed class VirtualSmokeTests
{
    private static readonly string Smoke = RepoRoot.Combine("suites", "smoke");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    [OneTimeSetUp]
    public void RequireSocat()
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it (apt-get install socat)");
    }

    private static string[] Run(string outDir, params string[] more) =>
        ["run", "--suite", Smoke, "--out", outDir, "--seed", "5", .. more];

    private static string RunEvidence(string run, string name) =>
        Path.Combine(run, new RunFolderReader(run).Results["runEvidence"]!.AsArray()
            .Select(e => (string)e!["path"]!).Single(p => Path.GetFileName(p).EndsWith(name, StringComparison.Ordinal)));

    [Test]
    public async Task TheSmokeSuitePassesAndKeepsTheSerialLog()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(Run(temp.Sub("run")), RunDeadline);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Results["scenarios"]!.AsArray().Where(s => ((string)s!["id"]!).StartsWith("smoke.")).Select(s => (string?)s!["verdict"]),
            Is.All.EqualTo("pass"));
        Assert.That((int?)run.Results["run"]!["rig"]!["options"]!["slot"], Is.InRange(1, 99));
        var serial = File.ReadAllText(RunEvidence(temp.Sub("run"), "-serial.log"));
        Assert.That(serial, Does.Contain("[boot] model=RD-1 serial=RD1-000001"));
        var banner = run.Attempts("smoke.boot-banner")[0]!["steps"]![0]!;
        Assert.That(banner["evidence"]!.AsArray(), Is.Not.Empty, "serial.expect keeps the text it scanned");
        var events = run.JournalEvents();
        Assert.That(events.Where(e => e["data"] is JsonObject data && data["dutPowerAtEnd"] is not null).Select(e => (string?)e["text"]),
            Is.EqualTo(new[] { "end of run: the DUT was powered off (its process SIGKILLed and reaped)" }));
        var devices = events.Where(e => (string?)e["type"] == "process-started" && ((string?)e["command"])!.Contains("ReferenceDevice", StringComparison.Ordinal))
            .Select(e => (int)e["pid"]!).ToList();
        Assert.That(devices, Is.Not.Empty);
        Assert.That(devices.Where(LinuxProcess.IsAlive), Is.Empty, "no device process is left after the run");
        if (Environment.IsPrivilegedProcess)
        {
            var slot = (int)run.Results["run"]!["rig"]!["options"]!["slot"]!;
            var packets = await TsharkAsync(Pcap(temp.Sub("run")));
            Assert.That(packets, Is.Not.Empty, "tshark reads the DUT's packets from the pcap evidence");
            Assert.That(packets, Is.All.Contain($"127.77.{slot}.2"));
        }
    }

    private static string Pcap(string run) =>
        Path.Combine(run, (string)new RunFolderReader(run).Attempts("smoke.traffic-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
            .Single(e => ((string)e!["path"]!).EndsWith(".pcap", StringComparison.Ordinal))!["path"]!);

    /// <summary>"src dst" of every IPv4 packet, as tshark (a decoder we did not write) reads the pcap.</summary>
    private static async Task<IReadOnlyList<string>> TsharkAsync(string pcap)
    {
        if (!File.Exists("/usr/bin/tshark"))
            Assert.Ignore("tshark is not installed; ./certify test installs it");
        var info = new System.Diagnostics.ProcessStartInfo("tshark", ["-r", pcap, "-T", "fields", "-e", "ip.src", "-e", "ip.dst"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var tshark = System.Diagnostics.Process.Start(info)!;
        var output = await tshark.StandardOutput.ReadToEndAsync();
        await tshark.WaitForExitAsync();
        Assert.That(tshark.ExitCode, Is.Zero, await tshark.StandardError.ReadToEndAsync());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public async Task HostileDeviceOutputIsInertInEveryReport()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(Run(temp.Sub("run"), "--personality", "hostile-output", "--filter", "smoke.boot-banner,smoke.status-endpoint,hd.*",
            "--suite", TestSuites.File("hostile-device.yaml")), RunDeadline);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Not.Contain("\u001b").And.Not.Contain("\0"));
        var run = temp.Sub("run");
        _ = new RunFolderReader(run);
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.That(document.QuerySelectorAll("img"), Is.Empty);
        Assert.That(document.QuerySelectorAll("script").Count(s => s.TextContent.Contains("alert(")), Is.Zero);
        Assert.That(document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
        Assert.That(document.Body!.TextContent, Does.Contain("<script>alert(1)</script>"), "the device's markup is shown as text");
        Assert.DoesNotThrow(() => XDocument.Load(Path.Combine(run, "junit.xml")));
    }

    [Test]
    public async Task TwoRunsAtOnceEachSeeOnlyTheirOwnDevice()
    {
        using var temp = new TempFolder();
        const string filter = "smoke.boot-banner,smoke.dns-query,smoke.status-endpoint,smoke.traffic-captured";
        var a = CertifyProgram.RunAsync(Run(temp.Sub("a"), "--filter", filter), RunDeadline);
        var b = CertifyProgram.RunAsync(Run(temp.Sub("b"), "--filter", filter), RunDeadline);
        var results = await Task.WhenAll(a, b);
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        var slotA = (int)new RunFolderReader(temp.Sub("a")).Results["run"]!["rig"]!["options"]!["slot"]!;
        var slotB = (int)new RunFolderReader(temp.Sub("b")).Results["run"]!["rig"]!["options"]!["slot"]!;
        Assert.That(slotA, Is.Not.EqualTo(slotB));
        var serialA = File.ReadAllText(RunEvidence(temp.Sub("a"), "-serial.log"));
        var serialB = File.ReadAllText(RunEvidence(temp.Sub("b"), "-serial.log"));
        Assert.That(serialA, Does.Contain($"127.77.{slotA}.2").And.Not.Contain($"127.77.{slotB}."));
        Assert.That(serialB, Does.Contain($"127.77.{slotB}.2").And.Not.Contain($"127.77.{slotA}."));
        if (Environment.IsPrivilegedProcess)
        {
            Assert.That(await TsharkAsync(Pcap(temp.Sub("a"))), Is.All.Contain($"127.77.{slotA}.").And.All.Not.Contain($"127.77.{slotB}."));
            Assert.That(await TsharkAsync(Pcap(temp.Sub("b"))), Is.All.Contain($"127.77.{slotB}.").And.All.Not.Contain($"127.77.{slotA}."));
        }
    }

    [Test]
    public async Task AKilledSmokeRunResumesAndLeavesNoProcessBehind()
    {
        using var temp = new TempFolder();
        var runDir = temp.Sub("run");
        var journal = Path.Combine(runDir, "journal.jsonl");
        using (var harness = CertifyProgram.Start(Run(runDir)))
        {
            await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "attempt-started" && (string?)e["scenarioId"] == "smoke.dns-query"),
                TimeSpan.FromSeconds(90), "the run to reach smoke.dns-query");
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }
        var children = LiveJournal.Events(journal).Where(e => (string?)e["type"] == "process-started").Select(e => (int)e["pid"]!).ToList();
        Assert.That(children, Is.Not.Empty);
        Assert.That(children.Any(LinuxProcess.IsAlive), Is.True, "the killed run's device and socat are orphaned, still running");

        var resumed = await CertifyProgram.RunAsync(["resume", runDir], RunDeadline);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(children.Where(LinuxProcess.IsAlive), Is.Empty, "no device, socat or service process of the killed run is left");
        var run = new RunFolderReader(runDir);
        Assert.That(run.Results["scenarios"]!.AsArray().Where(s => ((string)s!["id"]!).StartsWith("smoke.")).Select(s => (string?)s!["verdict"]),
            Is.All.EqualTo("pass"));
    }

    [Test]
    public async Task AResumedRunKeepsItsRigOptions()
    {
        using var temp = new TempFolder();
        var runDir = temp.Sub("run");
        var journal = Path.Combine(runDir, "journal.jsonl");
        using (var harness = CertifyProgram.Start(Run(runDir, "--personality", "hostile-output", "--filter", "smoke.boot-banner,smoke.dns-query")))
        {
            await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "attempt-started" && (string?)e["scenarioId"] == "smoke.dns-query"),
                TimeSpan.FromSeconds(90), "the run to reach smoke.dns-query");
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }

        var resumed = await CertifyProgram.RunAsync(["resume", runDir], RunDeadline);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        var started = LiveJournal.Events(journal).Where(e => (string?)e["type"] == "rig-started").ToList();
        var options = new RunFolderReader(runDir).Results["run"]!["rig"]!["options"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(started, Has.Count.EqualTo(2), "the rig started once per process");
            Assert.That(started.Select(e => (string?)e["options"]!["personality"]), Is.All.EqualTo("hostile-output"), "the resumed rig got the option back from the journal");
            Assert.That((string?)options["personality"], Is.EqualTo("hostile-output"));
            Assert.That((int?)options["slot"], Is.InRange(1, 99));
        }
    }
}
