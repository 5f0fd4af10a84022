namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary><c>certify lint</c> accepts the suites and rigs the project ships.</summary>
[TestFixture]
public sealed class LintTests
{
    [Test]
    public async Task TheShippedSuitesAndRigsLint()
    {
        // the Linux board rigs lint without their image built (their run builds it)
        foreach (var rig in new[] { "virtual.yaml", "bench-example.yaml", "linux-board.yaml", "linux-board-hardened.yaml" })
        {
            var result = await CertifyProgram.RunAsync("lint", "--rig", RepoRoot.Combine("rigs", rig));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Stdout, Does.StartWith("ok: "));
        }
    }

    [Test]
    public async Task ABenchsLabServicesAreTheDriversOfDnsDhcpAndLabHttpAndAMissingOneIsALintError()
    {
        using var temp = new TempFolder();
        temp.Write("cam.json", "{}");
        const string bench = """
            name: lab-bench
            kind: bench
            dut: { model: ACME-CAM-200, mac: "00:1b:21:3a:4f:10" }
            drivers:
              power: { kind: exec, on: 'true', off: 'true' }
              lab: { interface: eth1, subnet: 192.168.50.0/24, services: [dhcp, dns, https, mud] }
              mud: { file: cam.json, trust-anchor: cam.json }
            """;
        var list = await CertifyProgram.RunAsync("list", "rig", "--rig", temp.Write("bench.yaml", bench));
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Stdout, Does.Contain("  capture         live capture on the lab network\teth1, DUT 192.168.50.2, not the probe 192.168.50.3")
            .And.Contain("  dns             lab service 'dns'\t192.168.50.1:53 on eth1 (dnsmasq, forwarding to the lab resolver on port 5053)")
            .And.Contain("  dhcp            lab service 'dhcp'\tdnsmasq on eth1, leasing 192.168.50.2")
            .And.Contain("  lab-http        lab service 'https'\t192.168.50.1 and the name addresses 192.168.50.10–192.168.50.99, port 443")
            .And.Contain("  lab-http        lab service 'mud'\tcam.json"));

        var linted = await CertifyProgram.RunAsync("lint", "--rig", temp.Sub("bench.yaml"), "--suite", RepoRoot.Combine("suites", "smoke"));
        Assert.That(linted.ExitCode, Is.Zero, linted.ToString());
        var capabilityLines = list.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("capabilities: ", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("capabilities: ", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.That(capabilityLines, Has.Count.GreaterThan(5));
        Assert.That(linted.Stdout.Split('\n'), Is.SupersetOf(capabilityLines), "lint shows each capability with its driver, as list rig does");
        Assert.That(linted.Stdout, Does.Contain("  power           power exec\ton: true"));

        var captureOnly = temp.Write("capture-only.yaml", bench.Replace("services: [dhcp, dns, https, mud]", "services: []")
            .Replace("drivers:", "capabilities: [power, dns]\ndrivers:"));
        var lint = await CertifyProgram.RunAsync("lint", "--rig", captureOnly);
        Assert.That(lint.ExitCode, Is.EqualTo(3), lint.ToString());
        Assert.That(lint.Output, Does.Contain($"{captureOnly}:4:23: capabilities: 'dns': no driver of this bench rig gives it"));
    }
}
