using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.EndToEnd.Tests.Composition;

/// <summary>The shipped steps' declared protocols, and lint holding each scenario's <c>needs:</c> to them.</summary>
[TestFixture]
public sealed class StepNeedsTests
{
    private static readonly Dictionary<string, string> NoOverrides = new();

    [Test]
    public void EveryShippedStepDeclaresProtocolsThatMapToContractCapabilities()
    {
        var steps = Cli.Composition.Steps;
        var needs = steps.Names.ToDictionary(n => n, n => steps.Needs(n));
        Assert.That(needs["serial.expect"].Select(n => n.Capability), Is.EqualTo(new[] { "serial" }));
        Assert.That(needs["capture.start"].Single(), Has.Property(nameof(StepNeed.Optional)).False.And.Property(nameof(StepNeed.Capability)).EqualTo("capture"));
        Assert.That(steps.RequiredCapabilities("power.cut-when"), Is.EquivalentTo(new[] { "power.cut", "serial" }));
        Assert.That(steps.RequiredCapabilities("intent.mud-url"), Is.Empty, "intent.mud-url uses capture, DHCP and the HTTPS host when the rig has them");
        Assert.That(needs["intent.mud-url"].Select(n => n.Capability), Is.EquivalentTo(new[] { "capture", "dhcp", "lab-http" }));
        Assert.That(steps.RequiredCapabilities("wait"), Is.Empty);
        Assert.That(needs.Values.SelectMany(n => n).Select(n => n.Capability).Distinct(), Is.SubsetOf(Capabilities.Known));
    }

    [Test]
    public void NeedsMustListWhatTheStepsRequire()
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", """
            scenarios:
              - id: a
                title: capture without capture
                requirements: [IOT-INT-04]
                needs: [power]
                steps:
                  - capture.start: { name: traffic }
                  - serial.expect: { pattern: "${dut.banner}", within: 1s }
                cleanup:
                  - capture.stop: traffic
              - id: b
                title: no needs at all
                kind: rig-check
                steps:
                  - lab.dns-query: { within: 1s }
              - id: c
                title: optional protocols force nothing
                requirements: [IOT-INT-01]
                needs: [power]
                steps:
                  - intent.mud-url: { within: 1s }
            """);
        var e = Assert.Throws<InputException>(() => new SuiteLoader(Cli.Composition.Steps).Load([file], NoOverrides))!;
        var lines = e.Message.Replace(file, "FILE").Split(Environment.NewLine);
        Assert.That(lines, Is.EquivalentTo(new[]
        {
            "FILE:5:5: needs: lacks 'capture', which step capture.start at line 7 needs; add it to needs:",
            "FILE:5:5: needs: lacks 'serial', which step serial.expect at line 8 needs; add it to needs:",
            "FILE:11:5: needs: lacks 'dns', which step lab.dns-query at line 15 needs; add it to needs:",
        }), "a scenario skipped for a DUT fact the rig lacks (${dut.banner}) is checked too; c passes");
    }

    [Test]
    public async Task TheShippedSuitesAndRigsLint()
    {
        foreach (var rig in new[] { "virtual.yaml", "bench-example.yaml" })
        {
            var result = await CertifyProgram.RunAsync("lint", "--rig", Path.Combine(RepoRoot.Path, "rigs", rig));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Stdout, Does.StartWith("ok: "));
        }
    }
}
