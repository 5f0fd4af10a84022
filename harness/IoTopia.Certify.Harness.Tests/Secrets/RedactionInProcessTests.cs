using System.Security.Cryptography;
using System.Text;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Tests.Support;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Secrets;

/// <summary>
/// A run, in this process, on a rig and statement holding secrets that steps write into their reasons, details and
/// evidence: no form of either secret is anywhere in the run folder (every form is masked: SecretMaskTests); the folder verifies; an interrupted run resumes
/// from the real files, and refuses when a secret changed, naming its key but never its value.
/// </summary>
[TestFixture]
public sealed class RedactionInProcessTests
{
    private const string Suite = """
        suite: secrets
        parameters:
          long: 30s
          note: none
        scenarios:
          - id: s.writes
            title: Writes the rig's secret into its reason and evidence
            kind: rig-check
            steps:
              - selftest.outcome: { verdict: pass, reason: "typed ${dut.login-password}; and again ${dut.login-password}", observed: "${dut.login-password}" }
          - id: s.interrupted
            title: Interrupted during its wait
            kind: rig-check
            steps:
              - wait: "${long}"
          - id: s.after
            title: Runs after the resume
            kind: rig-check
            steps:
              - selftest.outcome: { verdict: pass, reason: "again ${dut.login-password}" }
        """;

    private static string Rig(string password) => $"""
        name: secret-bench
        kind: in-process
        dut:
          model: TB-1
          serial: "0042"
          firmware: "1.0"
          login-password: {password}   # the console password
        statement: statement.yaml
        """;

    private static string Statement(string justification) => $$"""
        schemaVersion: 1
        manufacturer: Test
        product: TB-1
        requirements:
          IOT-SBD-01: { support: not-supported, justification: !secret "{{justification}}" }
        """;

    [Test]
    public async Task NoFormOfASecretIsInTheRunFolderAndResumeAndVerifyStillWork()
    {
        using var temp = new TempFolder();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var justification = "just-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var rig = temp.Write("rig.yaml", Rig(password));
        temp.Write("statement.yaml", Statement(justification));
        var request = InProcessRun.Request(temp.Sub("run"), [temp.Write("secrets.yaml", Suite)], new Dictionary<string, string> { ["long"] = "2s" }) with { RigFile = rig };
        using var stop = new StopAtStep("s.interrupted", "wait");
        var interrupted = await InProcessRun.RunAsync(request, stop, stop.Interrupted);
        Assert.That(interrupted.Interrupted, Is.True);

        var done = await InProcessRun.ResumeAsync(interrupted.Folder.Root);
        Assert.That(done.Results.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass, Verdict.Pass }));
        var folder = done.Folder;

        Assert.That(Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories).Count(), Is.GreaterThan(8));
        Assert.That(SecretForms.FilesHolding(folder.Root, password, justification), Is.Empty);

        var step = done.Results.Scenario("s.writes").Attempts[0].Steps[0];
        var masked = new string('*', password.Length);
        Assert.That(step.Reason, Is.EqualTo($"typed {masked}; and again {masked}"), "the reason is kept, the secret masked");
        var rigInput = done.Results.Run.Inputs.Single(i => i.Role == "rig");
        Assert.Multiple(() =>
        {
            Assert.That(rigInput.Secrets!.Single().Key, Is.EqualTo("dut.login-password"));
            Assert.That(rigInput.Secrets!.Single().Line, Is.EqualTo(7));
            Assert.That(File.ReadAllLines(Path.Combine(folder.Root, rigInput.Copy))[6], Does.Match(@"^  login-password: '<redacted \$pbkdf2-sha256\$[^']+>'   # the console password$"));
            Assert.That(rigInput.Sha256, Is.EqualTo(FileHash.Sha256(Path.Combine(folder.Root, rigInput.Copy))), "the hash is the redacted copy's");
            Assert.That(done.Results.Run.Rig.Sha256, Is.EqualTo(rigInput.Sha256));
            Assert.That(done.Results.Run.Inputs.Single(i => i.Role == "statement").Secrets!.Single().Key, Is.EqualTo("requirements.IOT-SBD-01.justification"));
            Assert.That(done.Results.Requirement("IOT-SBD-01").Review!.Statement, Does.Not.Contain(justification));
        });
        Assert.That(ManifestVerifier.Verify(folder, [], requireSignature: false).Problems, Is.Empty);
    }

    [Test]
    public void AParameterHoldingASecretIsRefusedBeforeAnythingStarts()
    {
        using var temp = new TempFolder();
        var rig = temp.Write("rig.yaml", Rig("first-password-1"));
        temp.Write("statement.yaml", Statement("first-justification"));
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes("first-password-1"));
        var request = InProcessRun.Request(temp.Sub("run"), [temp.Write("secrets.yaml", Suite)], new Dictionary<string, string> { ["note"] = hex }) with { RigFile = rig };
        var e = Assert.ThrowsAsync<InputException>(() => InProcessRun.RunAsync(request))!;
        Assert.That(e.Message, Does.StartWith("--param note: holds a secret value of the rig file or statement").And.Not.Contain(hex));
        Assert.That(Directory.Exists(temp.Sub("run")), Is.False, "nothing was written");
    }

    [Test]
    public async Task ResumeRefusesWhenASecretChangedAndSaysWhichOne()
    {
        using var temp = new TempFolder();
        var rig = temp.Write("rig.yaml", Rig("first-password-1"));
        temp.Write("statement.yaml", Statement("first-justification"));
        var request = InProcessRun.Request(temp.Sub("run"), [temp.Write("secrets.yaml", Suite)], new Dictionary<string, string> { ["long"] = "2s" }) with { RigFile = rig };
        using var stop = new StopAtStep("s.interrupted", "wait");
        var interrupted = await InProcessRun.RunAsync(request, stop, stop.Interrupted);

        temp.Write("rig.yaml", Rig("other-password-2"));
        var e = Assert.ThrowsAsync<InputException>(() => InProcessRun.ResumeAsync(interrupted.Folder.Root))!;
        Assert.That(e.Message, Is.EqualTo($"cannot resume: {rig} changed since the run began: its secret dut.login-password (line 7) changed"));

        temp.Write("rig.yaml", Rig("first-password-1") + "# a comment added\n");
        e = Assert.ThrowsAsync<InputException>(() => InProcessRun.ResumeAsync(interrupted.Folder.Root))!;
        Assert.That(e.Message, Is.EqualTo($"cannot resume: {rig} changed since the run began"), "a change outside the secrets");

        temp.Write("rig.yaml", Rig("first-password-1"));
        temp.Write("statement.yaml", Statement("other-justification"));
        e = Assert.ThrowsAsync<InputException>(() => InProcessRun.ResumeAsync(interrupted.Folder.Root))!;
        Assert.That(e.Message, Does.Contain("its secret requirements.IOT-SBD-01.justification (line 5) changed").And.Not.Contain("justification\""));

        temp.Write("statement.yaml", Statement("first-justification"));
        var done = await InProcessRun.ResumeAsync(interrupted.Folder.Root);
        Assert.That(done.Results.Scenario("s.after").Verdict, Is.EqualTo(Verdict.Pass), "the unchanged files resume");
    }
}
