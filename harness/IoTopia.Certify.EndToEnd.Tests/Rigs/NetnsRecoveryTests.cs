using System.Diagnostics;
using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The netns rig when things go wrong: a harness SIGKILLed mid-run leaves its namespaces and processes,
/// and the next run in that slot removes them; a device that never boots fails the checks on this rig
/// too; without root the rig says it cannot run. A run here holds the slots shared with other netns runs
/// (<see cref="NetnsSmokeTests.SlotsLock"/>); the killed-run test holds them alone, since it asserts which slot is free.
/// </summary>
[TestFixture]
public sealed class NetnsRecoveryTests
{
    private static readonly string Rig = RepoRoot.Combine("rigs", "netns.yaml");
    private static readonly string Smoke = RepoRoot.Combine("suites", "smoke");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    private static string[] Args(string outDir, params string[] more) =>
        ["run", "--rig", Rig, "--suite", Smoke, "--out", outDir, "--seed", "11", .. more];

    [Test]
    public async Task AKilledRunLeavesItsNamespacesAndTheNextRunInThatSlotRemovesThem()
    {
        NetnsSmokeTests.RequireNetnsTools();
        using var slots = await MachineLock.ExclusiveAsync(NetnsSmokeTests.SlotsLock, NetnsSmokeTests.SlotsLockDeadline); // "the first free slot" is only this test's to see
        using var temp = new TempFolder();
        var killedRun = temp.Sub("killed");
        var journal = Path.Combine(killedRun, "journal.jsonl");
        int slot;
        IReadOnlyList<int> left;
        using (var harness = CertifyProgram.Start(Args(killedRun, "--filter", "smoke.boot-banner,smoke.power-cycle,smoke.dns-query")))
        {
            await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "attempt-started" && (string?)e["scenarioId"] == "smoke.power-cycle"),
                TimeSpan.FromSeconds(90), "the netns run to reach smoke.power-cycle");
            slot = (int)LiveJournal.Events(journal).Last(e => (string?)e["type"] == "rig-started")["options"]!["slot"]!;
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }
        Assert.That(await Ip.NetnsAsync(), Does.Contain($"iotc{slot}-lab").And.Contain($"iotc{slot}-dut"), "nobody was left to delete them");
        left = [.. await Ip.NetnsPidsAsync($"iotc{slot}-lab"), .. await Ip.NetnsPidsAsync($"iotc{slot}-dut")];
        Assert.That(left.Where(LinuxProcess.IsAlive), Is.Not.Empty, "the killed run's device, dnsmasq and socat are still running inside");

        var next = await CertifyProgram.RunAsync(Args(temp.Sub("next"), "--filter", "smoke.boot-banner"), RunDeadline);
        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That((int)new RunFolderReader(temp.Sub("next")).Results["run"]!["rig"]!["options"]!["slot"]!, Is.EqualTo(slot), "the first free slot is the one the killed run left");
        Assert.That(next.Stderr, Does.Contain($"slot {slot} was left by a killed run"));
        Assert.That(left.Where(LinuxProcess.IsAlive), Is.Empty, "every process the killed run left in its namespaces is gone");
        Assert.That(await Ip.NetnsAsync(), Does.Not.Contain($"iotc{slot}-lab").And.Not.Contain($"iotc{slot}-dut"));
    }

    [Test]
    public async Task TwoRunsAtOnceTakeTwoSlotsAndEachCapturesOnlyItsOwnDevice()
    {
        NetnsSmokeTests.RequireNetnsTools();
        using var slots = await MachineLock.SharedAsync(NetnsSmokeTests.SlotsLock, NetnsSmokeTests.SlotsLockDeadline);
        using var temp = new TempFolder();
        const string filter = "smoke.boot-banner,smoke.dhcp-mud-url,smoke.traffic-captured";
        var results = await Task.WhenAll(
            CertifyProgram.RunAsync(Args(temp.Sub("a"), "--filter", filter), RunDeadline),
            CertifyProgram.RunAsync(Args(temp.Sub("b"), "--filter", filter), RunDeadline));
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        var slotA = (int)new RunFolderReader(temp.Sub("a")).Results["run"]!["rig"]!["options"]!["slot"]!;
        var slotB = (int)new RunFolderReader(temp.Sub("b")).Results["run"]!["rig"]!["options"]!["slot"]!;
        Assert.That(slotA, Is.Not.EqualTo(slotB));
        foreach (var (run, own, other) in new[] { (temp.Sub("a"), slotA, slotB), (temp.Sub("b"), slotB, slotA) })
        {
            var pcap = new RunFolderReader(run).Attempts("smoke.traffic-captured")[0]!["steps"]![0]!["evidence"]!.AsArray()
                .Select(e => (string)e!["path"]!).Single(p => p.EndsWith(".pcap", StringComparison.Ordinal));
            var packets = await Tshark.MatchingLinesAsync(Path.Combine(run, pcap), "ip", "ip.src", "ip.dst");
            Assert.That(packets, Is.Not.Empty.And.All.Contain($"10.77.{own}.2").And.All.Not.Contain($"10.77.{other}."));
        }
    }

    [Test]
    public async Task ADeviceThatNeverBootsFailsTheChecksOnThisRigToo()
    {
        NetnsSmokeTests.RequireNetnsTools();
        using var slots = await MachineLock.SharedAsync(NetnsSmokeTests.SlotsLock, NetnsSmokeTests.SlotsLockDeadline);
        using var temp = new TempFolder();
        // a device that never boots fails both at any deadline: the shipped 30 s waits, shortened, only end sooner
        var smoke = ShortenedSuite.Write(temp, "smoke",
            ("{ pattern: \"${dut.banner}\", within: 30s, save-as: banner }", "{ pattern: \"${dut.banner}\", within: 5s, save-as: banner }"),
            ("lab.dhcp-inform: { within: 30s, mud-url: true }", "lab.dhcp-inform: { within: 5s, mud-url: true }"));
        string[] args = ["run", "--rig", Rig, "--suite", smoke, "--out", temp.Sub("run"), "--seed", "11", "--personality", "never-boots", "--filter", "smoke.boot-banner,smoke.dhcp-mud-url"];
        var result = await CertifyProgram.RunAsync(args, RunDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("fail"));
        Assert.That(run.Verdict("smoke.dhcp-mud-url"), Is.EqualTo("fail"));
        Assert.That(run.Reason("smoke.dhcp-mud-url"), Does.Contain("no DHCP message from 10.77.").And.Contain("02:52:44:00:00:01"));
        Assert.That((string?)run.Results["run"]!["rig"]!["options"]!["personality"], Is.EqualTo("never-boots"));
    }

    [Test]
    public async Task TrafficOutsideTheMudFileFailsIotInt04OnThisRigToo()
    {
        NetnsSmokeTests.RequireNetnsTools();
        using var slots = await MachineLock.SharedAsync(NetnsSmokeTests.SlotsLock, NetnsSmokeTests.SlotsLockDeadline);
        using var temp = new TempFolder();
        string[] args = ["run", "--rig", Rig, "--suite", RepoRoot.Combine("suites", "intent"), "--out", temp.Sub("run"),
            "--personality", "mud-violation", "--filter", "IOT-INT-04"];
        var result = await CertifyProgram.RunAsync(args, RunDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-04")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.flows"), Does.Contain("tracker.ads.example").And.Contain("10.77."), "the violating flow, by the name it was reached by, on the netns subnet");
    }

    [Test]
    public async Task WithoutRootEveryScenarioIsAnErrorThatSaysSo()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("this test drops from root to nobody; run it as root");
        if (!File.Exists("/usr/bin/setpriv"))
            Assert.Ignore("setpriv (util-linux) is missing");
        using var temp = new TempFolder();
        var home = temp.Sub("home");
        Directory.CreateDirectory(home);
        await ExternalProgram.OutputAsync("chmod", "777", temp.Path, home);
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = temp.Path,
        };
        string[] command = ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", BuiltPrograms.CliDll, .. Args(temp.Sub("run"), "--filter", "smoke.boot-banner")];
        foreach (var a in command)
            info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        info.Environment["CERTIFY_ROOT"] = RepoRoot.Path;
        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_HOME"] = home;
        using var process = Process.Start(info)!;
        var result = await CertifyProgram.CollectAsync(process, RunDeadline);
        if (result.ExitCode != 2 && !Directory.Exists(temp.Sub("run")))
            Assert.Ignore($"user nobody cannot run the built program from this checkout: {result}");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.boot-banner"), Is.EqualTo("error"));
        Assert.That(run.Reason("smoke.boot-banner"), Does.Contain("the netns rig needs root"));
    }

    [Test]
    public async Task ARigFileWithoutTheDutsMacIsBadInputNamingFileAndLine()
    {
        using var temp = new TempFolder();
        var rig = temp.Sub("netns-no-mac.yaml");
        File.WriteAllLines(rig, File.ReadAllLines(Rig).Where(l => !l.TrimStart().StartsWith("mac:", StringComparison.Ordinal))
            .Select(l => l.Replace("../", RepoRoot.Path + "/", StringComparison.Ordinal)));
        var result = await CertifyProgram.RunAsync(["lint", "--rig", rig, "--suite", Smoke], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stdout + result.Stderr, Does.Contain("netns-no-mac.yaml:").And.Contain("dut.mac: the netns rig gives the DUT's veth a fixed MAC"));
    }
}
