using System.Text.Json.Nodes;
using static IoTopia.Certify.Reports.Tests.Samples.Shapes;

namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>
/// A run that looks like a real one against the virtual device: every verdict on requirements and scenarios, a
/// skipped scenario per skip reason (and a requirement with no-scenario), a retried scenario with 2 attempts, an
/// interrupted attempt, measurements against limits and expected values, cleanup steps and evidence files on disk.
/// Every device-supplied string passes through <c>device</c>, so the hostile run is the same run with hostile text.
/// </summary>
public sealed class SampleRun
{
    private readonly EvidenceWriter evidence;
    private readonly Func<string, string> device;
    private readonly bool hostile;

    private SampleRun(string folder, bool hostile)
    {
        evidence = new EvidenceWriter(folder);
        this.hostile = hostile;
        device = hostile ? Hostile.Mix : s => s;
    }

    /// <summary>Writes a typical run (results.json and evidence) into <paramref name="folder"/> and returns results.json.</summary>
    public static JsonObject WriteTypical(string folder) => Write(folder, hostile: false);

    /// <summary>The same run with every device string hostile, a 1 MB observation and tampered evidence paths.</summary>
    public static JsonObject WriteHostile(string folder) => Write(folder, hostile: true);

    private static JsonObject Write(string folder, bool hostile)
    {
        var results = new SampleRun(folder, hostile).Build();
        ResultsJson.Write(folder, results);
        return results;
    }

    private JsonObject Build() => new()
    {
        ["schemaVersion"] = 1,
        ["run"] = Run(),
        ["catalogue"] = SampleCatalogue.Snapshot(),
        ["scenarios"] = new JsonArray(
            RigSmoke(), DefaultPassword(), DeclaredServices(), MudUrl(), MudFile(), SignedUpdate(),
            Skipped("onb-zero-touch", "Zero-touch onboarding to the rightful owner", "IOT-ONB-01", "not-applicable", "statement: IOT-ONB-01 not applicable (installer app onboarding only)"),
            Skipped("lcm-power-cut", "Power cut during update leaves a bootable image", "IOT-LCM-05", "capability-missing", "rig virtual lacks power.cut"),
            Skipped("lcm-rollback", "A failing update rolls back", "IOT-LCM-06", "artefact-missing", "no failing image supplied (--param bad-image=FILE)"),
            Skipped("sbd-tls-versions", "Only TLS 1.2 and later with validation", "IOT-SBD-05", "filtered", "not selected by --filter SBD-01,SBD-03,INT,LCM")),
        ["requirements"] = Requirements(),
        ["runEvidence"] = new JsonArray(
            evidence.WriteAt("evidence/_run/lab-services.log", "dnsmasq started\nsntp started\n"u8.ToArray(), "service-log", "text/plain"),
            evidence.WriteAt("evidence/_run/serial-console.log", "U-Boot 2024.01\n"u8.ToArray(), "serial-log", "text/plain")),
        ["summary"] = new JsonObject
        {
            ["scenarios"] = new JsonObject { ["skipped"] = 4, ["pass"] = 3, ["inconclusive"] = 1, ["error"] = 1, ["fail"] = 1 },
            ["requirements"] = new JsonObject { ["skipped"] = 5, ["pass"] = 2, ["inconclusive"] = 2, ["error"] = 1, ["fail"] = 2 },
            ["tier"] = new JsonObject
            {
                ["target"] = "T2",
                ["verdict"] = "fail",
                ["reason"] = "7 requirements evaluated at T2: 2 fail, 1 error, 2 inconclusive, 2 pass",
            },
        },
    };

    private JsonObject Run() => new()
    {
        ["id"] = "20250602T090000Z-acme-cam-200",
        ["harness"] = new JsonObject { ["version"] = "0.1.0", ["commit"] = "3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a" },
        ["rig"] = new JsonObject
        {
            ["name"] = "virtual",
            ["file"] = "rigs/virtual.yaml",
            ["sha256"] = "5b1f0c7e1f3a8d2c9e4b6a7d8c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8b9c0",
            ["options"] = new JsonObject { ["personality"] = "open-telnet", ["slot"] = 3 },
        },
        ["dut"] = new JsonObject
        {
            ["model"] = device("ACME Cam 200"),
            ["serial"] = device("AC200-0007"),
            ["firmware"] = device("2.0.4"),
        },
        ["tier"] = "T2",
        ["operator"] = "lab-ci",
        ["started"] = At(0),
        ["ended"] = At(600),
        ["seed"] = 424242,
        ["inputs"] = new JsonArray(
            Input("suites/sbd/services.yaml", "suite", "9e107d9d372bb6826bd81d3542a419d6e277d4d731479571562b82f74494341f"),
            Input("rigs/virtual.yaml", "rig", "5b1f0c7e1f3a8d2c9e4b6a7d8c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8b9c0"),
            Input("fixtures/reference-device/statement.yaml", "statement", "e4d909c290d0fb1ca068ffaddf22cbd0e4d909c290d0fb1ca068ffaddf22cbd0"),
            Input("suites/requirements.yaml", "catalogue", "d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e")),
        ["tools"] = new JsonObject
        {
            ["dotnet"] = "10.0.1",
            ["libpcap"] = "libpcap version 1.10.3",
            ["chromium"] = "Chromium 138.0.7204.92",
            ["kernel"] = "6.1.0-37-amd64",
        },
    };

    private static JsonObject Input(string path, string role, string sha256) => new()
    {
        ["path"] = path,
        ["sha256"] = sha256,
        ["role"] = role,
        ["copy"] = "inputs/" + Path.GetFileName(path.TrimEnd('/')),
    };

    private JsonObject RigSmoke() => Scenario(
        "rig-smoke-serial", "The DUT boots and its serial console answers", "rig-check", [], "pass", "all steps passed", null,
        Attempt(1, "pass", "all steps passed", 10, false,
            Step(1, "power.on", "pass", "power on", 10),
            Step(2, "serial.expect", "pass", device("saw 'login:'"), 12, expected: "login:", observed: device("acme-cam login:"),
                evidence: [evidence.Write("rig-smoke-serial", 1, 2, "serial.expect", "log", "U-Boot 2024.01\nacme-cam login:\n", "serial-log", "text/plain")])));

    private JsonObject DefaultPassword() => Scenario(
        "sbd-default-password", "No universal default password and lockout after failed log-ins", "certification", ["IOT-SBD-01"], "pass", "all steps passed", null,
        Attempt(1, "pass", "all steps passed", 20, false,
            Step(1, "serial.expect", "pass", device("banner seen"), 20, expected: "login:", observed: device("acme-cam login:")),
            Step(2, "http.login-attempts", "pass", device("locked out after 5 attempts"), 22,
                measurements:
                [
                    Measure("lockout-after", 5, "pass", "attempts", low: 1, high: 10),
                    Measure("default-credentials-accepted", device("no"), hostile ? "fail" : "pass", expected: "no"),
                ],
                details: new JsonObject { ["responses"] = new JsonArray(device("401 Unauthorized"), device("423 Locked")) },
                evidence: [evidence.Write("sbd-default-password", 1, 2, "http.login-attempts", "json", "{\"attempts\":5}", "http-transcript", "application/json")]),
            Step(3, "power.off", "pass", "cleanup", 24, phase: "cleanup")));

    private JsonObject DeclaredServices() => Scenario(
        "sbd-declared-services", "Only declared services are exposed and no debug console is open", "certification", ["IOT-SBD-03", "IOT-SBD-04"],
        "fail", device("undeclared service 23/tcp (telnet) answers"), null,
        Attempt(1, "fail", device("undeclared service 23/tcp (telnet) answers"), 40, false,
            Step(1, "capture.start", "pass", "capturing on lo", 40,
                evidence: [evidence.Write("sbd-declared-services", 1, 1, "capture.start", "pcap", "\u00d4\u00c3\u00b2\u00a1pcap-bytes", "capture", "application/vnd.tcpdump.pcap")]),
            Step(2, "net.scan", "fail", device("1 open port not in the statement"), 42,
                expected: "open ports within the declared set {443/tcp}",
                observed: hostile ? Hostile.Huge : "23/tcp open telnet (banner: BusyBox v1.36.1)",
                measurements: [Measure("undeclared-open-ports", 1, "fail", "ports", high: 0)],
                details: new JsonObject { ["open"] = new JsonArray("443/tcp", "23/tcp"), ["banner"] = hostile ? Hostile.Huge : "BusyBox v1.36.1" },
                evidence:
                [
                    evidence.Write("sbd-declared-services", 1, 2, "net.scan", "json", "{\"open\":[443,23]}", "scan", "application/json"),
                    .. hostile
                        ? new[]
                        {
                            evidence.WriteAt("javascript:alert(5)", [1, 2, 3], "scan", "text/plain"),
                            evidence.WriteAt("evidence/../../../etc/passwd", [4, 5, 6], "scan", "text/plain"),
                        }
                        : [],
                ]),
            Step(3, "capture.stop", "pass", "capture stopped", 44, phase: "cleanup",
                measurements: [Measure("capture-drops", 0, "pass", "packets", high: 0)])));

    private JsonObject MudUrl() => Scenario(
        "int-mud-url", "The DUT announces exactly one HTTPS MUD URL", "certification", ["IOT-INT-01"],
        "inconclusive", device("no DHCP traffic from the DUT in the 30 s window"), null,
        Attempt(1, "inconclusive", device("no DHCP traffic from the DUT in the 30 s window"), 60, false,
            Step(1, "dhcp.observe", "inconclusive", device("no DUT packets seen"), 60,
                measurements: [Measure("dut-packets", 0, "fail", "packets", low: 1)],
                evidence: [evidence.Write("int-mud-url", 1, 1, "dhcp.observe", "pcap", "pcap-attempt-1", "capture", "application/vnd.tcpdump.pcap")])),
        Attempt(2, "inconclusive", device("no DHCP traffic from the DUT in the 30 s window"), 100, false,
            Step(1, "dhcp.observe", "inconclusive", device("no DUT packets seen"), 100,
                measurements: [Measure("dut-packets", 0, "fail", "packets", low: 1)],
                evidence: [evidence.Write("int-mud-url", 2, 1, "dhcp.observe", "pcap", "pcap-attempt-2", "capture", "application/vnd.tcpdump.pcap")])));

    private JsonObject MudFile() => Scenario(
        "int-mud-file", "The MUD file is served and schema-valid", "certification", ["IOT-INT-02"],
        "error", "lab HTTP service did not start: port 443 busy", null,
        Attempt(1, "error", "interrupted: the attempt did not end", 140, true,
            Step(1, "lab-http.serve", "pass", "serving on 127.77.3.1:443", 140)),
        Attempt(2, "error", "lab HTTP service did not start: port 443 busy", 160, false,
            Step(1, "lab-http.serve", "error", "port 443 busy", 160,
                evidence: [evidence.Write("int-mud-file", 2, 1, "lab-http.serve", "log", "bind: address already in use", "service-log", "text/plain")])));

    private JsonObject SignedUpdate() => Scenario(
        "lcm-signed-update", "Only a signed image is installed; the genuine one is", "certification", ["IOT-LCM-01"], "pass", "all steps passed", null,
        Attempt(1, "pass", "all steps passed", 200, false,
            Step(1, "update.offer", "pass", device("unsigned image refused: signature missing"), 200,
                expected: "refused", observed: device("refused (E_SIG)")),
            Step(2, "update.offer", "pass", device("genuine image accepted (positive control)"), 202,
                expected: "accepted", observed: device("accepted, rebooting"),
                measurements: [Measure("firmware-version", device("2.1.0"), hostile ? "fail" : "pass", expected: "2.1.0")],
                evidence: [evidence.Write("lcm-signed-update", 1, 2, "update.offer", "log", "installing 2.1.0\nreboot\n", "serial-log", "text/plain")]),
            Step(3, "restore", "pass", "factory image restored", 204, phase: "cleanup")));

    private static JsonObject Skipped(string id, string title, string requirement, string skipReason, string reason) =>
        Scenario(id, title, "certification", [requirement], "skipped", reason, skipReason);

    private JsonArray Requirements() => new(
        Requirement("IOT-SBD-01", "pass", "all scenarios passed", null, ["sbd-default-password"],
            new JsonObject { ["statement"] = "supported", ["decision"] = device("pass: password policy v3 reviewed") }),
        Requirement("IOT-SBD-03", "fail", device("sbd-declared-services: undeclared service 23/tcp (telnet) answers"), null, ["sbd-declared-services"]),
        Requirement("IOT-SBD-04", "fail", device("sbd-declared-services: undeclared service 23/tcp (telnet) answers"), null, ["sbd-declared-services"]),
        Requirement("IOT-SBD-05", "skipped", "no scenario ran: sbd-tls-versions filtered", "filtered", ["sbd-tls-versions"]),
        Requirement("IOT-INT-01", "inconclusive", device("int-mud-url: no DHCP traffic from the DUT in the 30 s window"), null, ["int-mud-url"]),
        Requirement("IOT-INT-02", "error", "int-mud-file: lab HTTP service did not start: port 443 busy", null, ["int-mud-file"]),
        Requirement("IOT-ONB-01", "skipped", "not applicable: installer app onboarding only", "not-applicable", ["onb-zero-touch"]),
        Requirement("IOT-ONB-09", "skipped", "no scenario verifies this requirement", "no-scenario", []),
        Requirement("IOT-LCM-01", "pass", "all scenarios passed", null, ["lcm-signed-update"]),
        Requirement("IOT-LCM-05", "skipped", "no scenario ran: lcm-power-cut capability-missing (power.cut)", "capability-missing", ["lcm-power-cut"]),
        Requirement("IOT-LCM-06", "skipped", "no scenario ran: lcm-rollback artefact-missing", "artefact-missing", ["lcm-rollback"]),
        Requirement("IOT-LCM-11", "inconclusive", "awaiting assessor review", null, [], new JsonObject { ["statement"] = "supported" }));
}
