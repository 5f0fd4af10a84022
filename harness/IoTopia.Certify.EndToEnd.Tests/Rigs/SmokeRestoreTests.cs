using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The smoke suite's restore check on the virtual rig says fail when restore does not happen: the shipped
/// smoke.restore-clean, run straight after smoke.restore-dirty without the baseline's restore (continues:,
/// with a power cycle in its place), finds the marker and fails on it.
/// </summary>
[TestFixture]
public sealed class SmokeRestoreTests
{
    [Test]
    public async Task WithoutRestoreTheMarkerIsFoundAndRestoreCleanFails()
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it");
        using var temp = new TempFolder();
        var shipped = File.ReadAllText(RepoRoot.Combine("suites", "smoke", "smoke.yaml"));
        var clean = shipped.IndexOf("  - id: smoke.restore-clean\n", StringComparison.Ordinal);
        var steps = shipped.IndexOf("    steps:\n", clean, StringComparison.Ordinal);
        Assert.That(clean, Is.Positive, "the shipped smoke suite has smoke.restore-clean");
        var unrestored = shipped[..steps]
                         + "    continues: smoke.restore-dirty   # no baseline: no restore\n    steps:\n      - power.cycle: { off-for: 500ms }\n"
                         + shipped[(steps + "    steps:\n".Length)..];
        var suite = temp.Write("smoke.yaml", unrestored);

        var result = await CertifyProgram.RunAsync(["run", "--suite", suite, "--filter", "smoke.restore-dirty,smoke.restore-clean", "--out", temp.Sub("run")],
            TimeSpan.FromMinutes(3));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("smoke.restore-dirty"), Is.EqualTo("pass"), run.Reason("smoke.restore-dirty"));
        Assert.That(run.Verdict("smoke.restore-clean"), Is.EqualTo("fail"), run.Reason("smoke.restore-clean"));
        var failed = run.Attempts("smoke.restore-clean")[0]!["steps"]!.AsArray().Single(s => (string?)s!["verdict"] == "fail")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)failed["name"], Is.EqualTo("serial.run"));
            Assert.That((string?)failed["reason"], Is.EqualTo("the output has the line 'smoke-marker=dirty'"));
            Assert.That((string?)failed["observed"], Is.EqualTo("smoke-marker=dirty"));
            Assert.That(failed["evidence"]!.AsArray().Select(e => (string?)e!["kind"]), Is.EqualTo(new[] { "serial-run" }));
        });
    }
}
