using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

[TestFixture]
public sealed class BenchRigTests
{
    [Test]
    public async Task AMissingSerialPortFailsFastWithThePath()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.File("missing-serial.rig.yaml"),
            "--suite", RepoRoot.Combine("suites", "smoke"), "--filter", "smoke.boot-banner,smoke.power-cycle", "--out", temp.Sub("run")], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        foreach (var id in new[] { "smoke.boot-banner", "smoke.power-cycle" })
        {
            Assert.That(run.Verdict(id), Is.EqualTo("error"));
            Assert.That(run.Reason(id), Does.Contain("/dev/serial/by-id/no-such-adapter-if00"));
        }
    }

    [Test]
    public async Task TheBenchExampleLints()
    {
        var result = await CertifyProgram.RunAsync("lint", "--rig", RepoRoot.Combine("rigs", "bench-example.yaml"), "--suite", RepoRoot.Combine("suites", "smoke"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task ABadDriverSectionNamesFileLineAndKey()
    {
        using var temp = new TempFolder();
        var rig = temp.Write("rig.yaml", "name: b\nkind: bench\ncapabilities: [power]\ndrivers:\n  power:\n    kind: exec\n    on: 'true'\n    offf: 'true'\n");
        var result = await CertifyProgram.RunAsync("lint", "--rig", rig, "--suite", RepoRoot.Combine("suites", "smoke"));
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain($"{rig}:8:5: drivers.power.offf: unknown argument"));
    }
}
