using System.Security.Cryptography;
using System.Text;
using IoTopia.Certify.EndToEnd.Tests.Support;
using IoTopia.Certify.TestKit.Rigs;

namespace IoTopia.Certify.EndToEnd.Tests.Integrity;

/// <summary>
/// A bench rig whose console password is a random string, on a device that echoes it as typed and prints it in
/// base64 and hex: after a run killed with SIGKILL and resumed, no form of the password is in any file of the run
/// folder (reports included), the echo is masked in the serial evidence, the folder verifies, and resume refuses
/// (exit 3) while the password in the rig file differs from the run's.
/// </summary>
[TestFixture]
public sealed class SecretRedactionTests
{
    private const string Suite = """
        suite: secrets-bench
        parameters:
          long: 10s
        scenarios:
          - id: secret.login
            title: Logs in with the rig's password; the device echoes it and prints it encoded
            kind: rig-check
            needs: [serial]
            steps:
              - serial.login: { user: "${dut.login-user}", password: "${dut.login-password}", prompt: "${dut.login-prompt}", shell-prompt: "${dut.shell-prompt}", within: 20s }
              - serial.send: show-credentials
              - serial.expect: { pattern: 'base64 \S+ hex [0-9a-f]+', within: 10s }
              - serial.send: logout
          - id: secret.wait
            title: Waits; the harness is killed here
            kind: rig-check
            steps:
              - wait: "${long}"
          - id: secret.again
            title: Logs in again after the resume
            kind: rig-check
            needs: [serial]
            steps:
              - serial.login: { user: "${dut.login-user}", password: "${dut.login-password}", prompt: "${dut.login-prompt}", shell-prompt: "${dut.shell-prompt}", within: 20s }
              - serial.send: logout
        """;

    private static string Rig(string port, string password) => $"""
        name: secret-bench
        kind: bench
        capabilities: [serial]
        dut:
          model: ECHO-1
          serial: ED-0001
          firmware: "1.0"
          login-user: {EchoingConsoleDevice.User}
          login-password: {password}   # secret by its key name
          login-prompt: 'login: $'
          shell-prompt: '# $'
        drivers:
          serial:
            port: {port}
            baud: 115200
        """;

    [Test]
    public async Task NoFormOfTheSecretIsInTheRunFolderAfterAKillAndAResume()
    {
        using var temp = new TempFolder();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var other = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var pair = await StandaloneSocatPair.StartAsync(temp.Path, CancellationToken.None);
        EchoingConsoleDevice device;
        try
        {
            device = EchoingConsoleDevice.Start(pair.DeviceEnd, password);
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
        try
        {
            await RunKillResumeAndCheckAsync(temp, pair.LabEnd, device, password, other);
        }
        finally
        {
            await pair.DisposeAsync(); // the pty goes away: the device ends
            device.Dispose();
        }
    }

    private static async Task RunKillResumeAndCheckAsync(TempFolder temp, string port, EchoingConsoleDevice device, string password, string other)
    {
        var rig = temp.Write("rig.yaml", Rig(port, password));
        var suite = temp.Write("suite.yaml", Suite);
        var lint = await CertifyProgram.RunAsync("lint", "--rig", rig, "--suite", suite);
        Assert.That(lint.ExitCode, Is.Zero, lint.ToString());
        Assert.That(lint.Stdout, Does.Contain($"secret: {rig}:9:19: dut.login-password (its key names a password): redacted in the run folder"));

        var runDir = temp.Sub("run");
        var journal = Path.Combine(runDir, "journal.jsonl");
        using (var harness = CertifyProgram.Start(["run", "--rig", rig, "--suite", suite, "--out", runDir]))
        {
            await Poll.UntilAsync(() => LiveJournal.Find(journal, e => (string?)e["type"] == "step-started" && (string?)e["scenarioId"] == "secret.wait"),
                TimeSpan.FromSeconds(60), "secret.wait to start its wait");
            harness.Kill(entireProcessTree: false);
            await harness.WaitForExitAsync();
        }
        lock (device.Received)
            Assert.That(device.Received, Does.Contain(password), "the device was given the password from the rig file");

        temp.Write("rig.yaml", Rig(port, other));
        var refused = await CertifyProgram.RunAsync("resume", runDir);
        Assert.That(refused.ExitCode, Is.EqualTo(3), refused.ToString());
        Assert.That(refused.Stderr, Does.Contain($"{rig} changed since the run began: its secret dut.login-password (line 9) changed"));
        Assert.That(refused.Stdout + refused.Stderr, Does.Not.Contain(password).And.Not.Contain(other));

        temp.Write("rig.yaml", Rig(port, password));
        var resumed = await CertifyProgram.RunAsync(["resume", runDir], TimeSpan.FromSeconds(120));
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());

        var run = new RunFolderReader(runDir);
        Assert.Multiple(() =>
        {
            Assert.That(run.Results["scenarios"]!.AsArray().Select(s => (string?)s!["verdict"]), Is.EqualTo(new[] { "pass", "pass", "pass" }));
            Assert.That(run.Attempts("secret.wait").Count, Is.EqualTo(2), "the killed attempt and the resumed one");
            Assert.That((bool?)run.Attempts("secret.login")[0]!["steps"]![0]!["details"]!["password-echoed"], Is.True, "the device echoed the password");
        });

        Assert.That(File.Exists(Path.Combine(runDir, "report.html")) && File.Exists(Path.Combine(runDir, "report.md")) && File.Exists(Path.Combine(runDir, "junit.xml")), Is.True);
        Assert.That(SecretForms.FilesHolding(runDir, password, other), Is.Empty);

        var serialRaw = Directory.GetFiles(Path.Combine(runDir, "evidence", "_run"), "*serial.raw").First();
        var masked = new string('*', password.Length);
        Assert.That(Encoding.UTF8.GetString(File.ReadAllBytes(serialRaw)), Does.Contain($"Password: {masked}\r\n# "),
            "the echoed password is masked where it stood in the serial evidence, same length");

        var rigInput = run.Results["run"]!["inputs"]!.AsArray().Single(i => (string?)i!["role"] == "rig")!;
        Assert.That((string?)rigInput["secrets"]![0]!["key"], Is.EqualTo("dut.login-password"));
        var copy = File.ReadAllLines(Path.Combine(runDir, (string)rigInput["copy"]!));
        Assert.That(copy[8], Does.Match(@"^  login-password: '<redacted \$pbkdf2-sha256\$i=100000\$[^']+>'   # secret by its key name$"));
        Assert.That(copy, Has.Length.EqualTo(File.ReadAllLines(rig).Length));

        var verify = await CertifyProgram.RunAsync("verify", runDir);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }
}
