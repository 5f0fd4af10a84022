using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// Per-scenario lab configuration on the default virtual rig, through the built program: the reference
/// device meets what a scenario configured (NXDOMAIN for its cloud name, 503 from its telemetry endpoint),
/// the services' logs record the configuration, and the next scenario gets the defaults again.
/// </summary>
[TestFixture]
public sealed class LabConfigurationTests
{
    private static readonly string Suite = TestSuites.File("lab-configuration.yaml");
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);
    private const string CloudName = "telemetry.reference-device.example";

    [OneTimeSetUp]
    public void RequireSocat()
    {
        if (!File.Exists("/usr/bin/socat"))
            Assert.Ignore("socat is not installed; ./certify test installs it (apt-get install socat)");
    }

    [Test]
    public async Task TheDeviceSeesTheConfiguredAnswersAndTheNextScenarioTheDefaults()
    {
        using var temp = new TempFolder();
        var runDir = temp.Sub("run");
        var result = await CertifyProgram.RunAsync(
            ["run", "--suite", Suite, "--out", runDir, "--seed", "7", "--filter", "lc.dns-nxdomain,lc.https-503,lc.defaults-again"], RunDeadline);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(runDir);
        Assert.That(new[] { "lc.dns-nxdomain", "lc.https-503", "lc.defaults-again" }.Select(run.Verdict), Is.All.EqualTo("pass"));

        var nxdomain = Details(run, "lc.dns-nxdomain", "lab.dns-query")["query"]!;
        var served503 = Details(run, "lc.https-503", "lab.https-request")["request"]!;
        var defaultDns = Details(run, "lc.defaults-again", "lab.dns-query")["query"]!;
        var default200 = Details(run, "lc.defaults-again", "lab.https-request")["request"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Details(run, "lc.dns-nxdomain", "lab.dns-answer").ToJsonString(), Is.EqualTo($$"""{"name":"{{CloudName}}","answer":"nxdomain"}"""));
            Assert.That((string?)nxdomain["rcode"], Is.EqualTo("NXDOMAIN"));
            Assert.That((string?)nxdomain["reason"], Is.EqualTo("configured for this scenario: nxdomain"));
            Assert.That((int?)served503["status"], Is.EqualTo(503));
            Assert.That((string?)served503["route"], Is.EqualTo($"scenario {CloudName}/telemetry"));
            Assert.That((string?)defaultDns["rcode"], Is.EqualTo("NOERROR"));
            Assert.That((string?)defaultDns["answer"], Does.StartWith("127.77."));
            Assert.That(((int?)default200["status"], (string?)default200["route"]), Is.EqualTo((200, "default")));
        });

        var dns = Lines(RunEvidence(run, "-dns.jsonl"));
        var https = Lines(RunEvidence(run, "-https.jsonl"));
        var dut = $"127.77.{(int)run.Results["run"]!["rig"]!["options"]!["slot"]!}.2:";
        var dnsConfigured = dns.FindIndex(l => Event(l) == "configure");
        var dnsReset = dns.FindIndex(l => Event(l) == "reset");
        var httpsConfigured = https.FindIndex(l => Event(l) == "configure");
        var httpsReset = https.FindIndex(l => Event(l) == "reset");
        List<JsonObject> CloudQueries(int from, int to) =>
            [.. dns.Skip(from).Take(to - from).Where(l => Event(l) == "query" && (string?)l["qname"] == CloudName && ((string?)l["client"])!.StartsWith(dut, StringComparison.Ordinal))];
        List<JsonObject> Telemetry(int from, int to) =>
            [.. https.Skip(from).Take(to - from).Where(l => Event(l) == "request" && (string?)l["path"] == "/telemetry")];
        Assert.Multiple(() =>
        {
            Assert.That(dnsConfigured, Is.GreaterThanOrEqualTo(0).And.LessThan(dnsReset), "the resolver's log: configured, then reset at the next baseline");
            Assert.That(CloudQueries(dnsConfigured, dnsReset).Select(l => (string?)l["rcode"]), Is.Not.Empty.And.All.EqualTo("NXDOMAIN"));
            Assert.That(CloudQueries(dnsReset, dns.Count).Select(l => (string?)l["rcode"]), Is.Not.Empty.And.All.EqualTo("NOERROR"));
            Assert.That((int?)https[httpsConfigured]["status"], Is.EqualTo(503));
            Assert.That(httpsConfigured, Is.LessThan(httpsReset));
            Assert.That(Telemetry(httpsConfigured, httpsReset).Select(l => (int?)l["status"]), Is.Not.Empty.And.All.EqualTo(503));
            Assert.That(Telemetry(httpsReset, https.Count).Select(l => (int?)l["status"]), Is.Not.Empty.And.All.EqualTo(200));
            Assert.That(Telemetry(0, httpsConfigured).Select(l => (int?)l["status"]), Is.All.EqualTo(200), "before the configuration: the default");
        });
        var body = Evidence(run, "lc.https-503", "lab.https-respond").Single();
        Assert.That(File.ReadAllText(Path.Combine(runDir, (string)body["path"]!)), Is.EqualTo("{\"error\":\"maintenance\"}"), "the configured body is the step's evidence");
        Assert.That(Lines(RunEvidence(run, "-update.jsonl")), Is.Empty, "the virtual rig runs the update server too: its log is there, and nothing was offered");
    }

    [Test]
    public async Task ARequestTheDeviceNeverMakesFailsWithWhatItDidRequest()
    {
        using var temp = new TempFolder();
        var runDir = temp.Sub("run");
        var result = await CertifyProgram.RunAsync(["run", "--suite", Suite, "--out", runDir, "--filter", "lc.request-never-made"], RunDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(runDir);
        var step = run.Attempts("lc.request-never-made")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(run.Verdict("lc.request-never-made"), Is.EqualTo("fail"));
            Assert.That((string?)step["reason"], Does.StartWith($"no HTTPS request to {CloudName}/never from 127.77."));
            Assert.That((string?)step["expected"], Is.EqualTo($"{CloudName}/never"));
            Assert.That((string?)step["observed"], Does.Contain($"{CloudName}/telemetry"), "what the device did request");
        });
    }

    private static JsonObject Step(RunFolderReader run, string scenario, string name) =>
        run.Attempts(scenario)[0]!["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["name"] == name);

    private static JsonObject Details(RunFolderReader run, string scenario, string step) => Step(run, scenario, step)["details"]!.AsObject();

    private static IEnumerable<JsonObject> Evidence(RunFolderReader run, string scenario, string step) =>
        Step(run, scenario, step)["evidence"]!.AsArray().Select(e => e!.AsObject());

    private static string RunEvidence(RunFolderReader run, string suffix) =>
        Path.Combine(run.Root, run.Results["runEvidence"]!.AsArray().Select(e => (string)e!["path"]!).Single(p => p.EndsWith(suffix, StringComparison.Ordinal)));

    private static List<JsonObject> Lines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static string? Event(JsonObject line) => (string?)line["event"];
}
