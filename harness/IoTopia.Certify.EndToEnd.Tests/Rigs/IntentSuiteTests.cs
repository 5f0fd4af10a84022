using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// The intent suite on the default virtual rig with the compliant reference device, through the built program:
/// one run, exit 0, IOT-INT-01..04 pass, and every file their steps name is in the run, hashed in the manifest.
/// </summary>
[TestFixture]
public sealed class IntentSuiteTests
{
    private static readonly string Intent = RepoRoot.Combine("suites", "intent");

    private static readonly (string Requirement, string Scenario)[] Covered =
    [
        ("IOT-INT-01", "intent.mud-url"),
        ("IOT-INT-02", "intent.mud-file"),
        ("IOT-INT-03", "intent.mud-signature"),
        ("IOT-INT-04", "intent.flows"),
    ];

    [Test]
    public async Task TheCompliantDevicePassesEveryIntentRequirementWithItsEvidence()
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it");
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("IOT-INT-01 and IOT-INT-04 need packet capture, which needs root: the virtual rig drops capture without it");
        using var temp = new TempFolder();
        var folder = temp.Sub("run");
        var result = await CertifyProgram.RunAsync(["run", "--suite", Intent, "--out", folder], TimeSpan.FromMinutes(3));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        var run = new RunFolderReader(folder);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!["files"]!.AsArray()
            .ToDictionary(f => (string)f!["path"]!, f => (string)f!["sha256"]!);
        foreach (var (requirement, scenario) in Covered)
        {
            Assert.That((string?)run.Requirement(requirement)["verdict"], Is.EqualTo("pass"), requirement);
            Assert.That(run.Verdict(scenario), Is.EqualTo("pass"), scenario);
            var steps = run.Attempts(scenario)[0]!["steps"]!.AsArray();
            var intentStep = steps.Single(s => ((string)s!["name"]!).StartsWith("intent.", StringComparison.Ordinal))!;
            Assert.That(intentStep["evidence"]!.AsArray(), Is.Not.Empty, $"{scenario} keeps what it judged");
            foreach (var evidence in steps.SelectMany(s => s!["evidence"]!.AsArray()))
            {
                var path = (string)evidence!["path"]!;
                Assert.That(manifest, Contains.Key(path), $"{path} is in the manifest");
                Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, path)))), Is.EqualTo((string)evidence["sha256"]!), path);
            }
            foreach (var (key, value) in intentStep["details"]!.AsObject().Where(d => d.Key.EndsWith("Evidence", StringComparison.Ordinal) || d.Key == "pcap"))
                Assert.That(manifest, Contains.Key((string)value!), $"{scenario} details.{key} names a file of the run");
        }
        Assert.That((string?)run.Attempts("intent.mud-file")[0]!["steps"]![0]!["details"]!["checked"], Does.Contain("served by the lab MUD server"),
            "the report says which file was checked");
        var runEvidence = run.Results["runEvidence"]!.AsArray().Select(e => Path.GetFileName((string)e!["path"]!)).ToList();
        Assert.That(runEvidence, Has.Some.EndsWith("-mud.jsonl").And.Some.EndsWith("-mud-file.json").And.Some.EndsWith("-mud-signature.p7s")
            .And.Some.EndsWith("-mud-trust-anchor.pem"), "the MUD server's log, the manufacturer's files and the anchor are in the run");
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.That(html, Does.Contain("IOT-INT-04").And.Contain("flow-check.json").And.Contain("capture.start-traffic.pcap"));
        var verify = await CertifyProgram.RunAsync("verify", folder);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }
}
