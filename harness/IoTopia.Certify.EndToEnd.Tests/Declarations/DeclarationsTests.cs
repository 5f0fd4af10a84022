using System.Security.Cryptography;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Declarations;

/// <summary>The manufacturer declares, the assessor decides, and only tests and decisions make verdicts.</summary>
[TestFixture]
public sealed class DeclarationsTests
{
    private static readonly string Suite = TestSuites.File("declarations.yaml");

    private static (string Statement, string Decisions) Write(TempFolder temp, string? decisionsOverride = null)
    {
        var statement = temp.Write("statement.yaml", """
            schemaVersion: 1
            manufacturer: Test Devices
            product: TB-1
            requirements:
              IOT-INT-08: { support: not-applicable, justification: no optional MUD extensions are claimed }
              IOT-SBD-01: { support: supported }
              IOT-SBD-03: { support: supported }
              IOT-SBD-04: { support: supported }
            ixit:
              lockout-threshold: 5
              open-ports: [tcp/443, udp/5353]
            """);
        var doc = temp.Write("design.md", "credential design\n");
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(doc)));
        var decisions = temp.Write("decisions.yaml", decisionsOverride ?? $$"""
            schemaVersion: 1
            assessor: Test Assessor
            decisions:
              IOT-SBD-03:
                verdict: pass
                rationale: design reviewed
                documents: [{ path: design.md, sha256: {{sha}} }]
              IOT-SBD-04:
                verdict: fail
                rationale: the debug port is open in production
                documents: [{ path: design.md, sha256: {{sha}} }]
            """);
        return (statement, decisions);
    }

    [Test]
    public async Task DeclarationsAndDecisionsShapeTheRequirementVerdicts()
    {
        using var temp = new TempFolder();
        var (statement, decisions) = Write(temp);
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--statement", statement, "--decisions", decisions,
            "--out", temp.Sub("run")], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));

        var skipped = run.Scenario("d.declared-not-applicable");
        Assert.That((string?)skipped["skipReason"], Is.EqualTo("not-applicable"));
        Assert.That((string?)skipped["reason"], Does.Contain("no optional MUD extensions are claimed"));
        Assert.That((string?)run.Requirement("IOT-INT-08")["skipReason"], Is.EqualTo("not-applicable"));

        var supported = run.Requirement("IOT-SBD-01");
        Assert.That((string?)supported["verdict"], Is.EqualTo("inconclusive"), "'supported' and passing tests alone never pass a review requirement");
        Assert.That((string?)supported["reason"], Does.Contain("awaiting assessor review"));
        Assert.That((string?)supported["review"]!["statement"], Is.EqualTo("declared supported"));

        Assert.That((string?)run.Requirement("IOT-SBD-03")["verdict"], Is.EqualTo("pass"));
        Assert.That((string?)run.Requirement("IOT-SBD-03")["review"]!["decision"], Does.StartWith("pass by Test Assessor"));
        Assert.That((string?)run.Requirement("IOT-SBD-04")["verdict"], Is.EqualTo("fail"));

        var measured = run.Attempts("d.supported-no-decision")[0]!["steps"]![0]!["measurements"]![0]!;
        Assert.That((double)measured["value"]!, Is.EqualTo(5), "IXIT facts reach scenarios as ${ixit.<name>}");

        var roles = run.Results["run"]!["inputs"]!.AsArray().Select(i => (string?)i!["role"]).ToList();
        Assert.That(roles, Does.Contain("statement").And.Contain("decisions").And.Contain("document"));
    }

    [Test]
    public async Task ADocumentThatNoLongerMatchesItsHashIsRefused()
    {
        using var temp = new TempFolder();
        var (statement, decisions) = Write(temp);
        File.AppendAllText(temp.Sub("design.md"), "edited after the review\n");
        var result = await CertifyProgram.RunAsync("run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--statement", statement, "--decisions", decisions, "--plan");
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain($"{decisions}:").And.Contain("hashes to").And.Contain("not to what the assessor recorded"));
    }

    [Test]
    public async Task ADecisionOnATestOnlyRequirementIsRefused()
    {
        using var temp = new TempFolder();
        var (statement, decisions) = Write(temp, """
            schemaVersion: 1
            assessor: Test Assessor
            decisions:
              IOT-SBD-05: { verdict: pass, rationale: looks fine, documents: [] }
            """);
        var result = await CertifyProgram.RunAsync("run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--statement", statement, "--decisions", decisions, "--plan");
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain($"{decisions}:4:3: decisions.IOT-SBD-05: verified by test only"));
    }

    [Test]
    public async Task ABadStatementNamesFileLineAndKey()
    {
        using var temp = new TempFolder();
        var statement = temp.Write("statement.yaml", """
            schemaVersion: 1
            manufacturer: Test Devices
            product: TB-1
            requirements:
              IOT-SBD-01: { support: maybe }
              IOT-SBD-02: { support: not-applicable }
            ixit:
              lockout-threshold: five
              favourite-colour: blue
            """);
        var result = await CertifyProgram.RunAsync("run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--statement", statement, "--plan");
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain($"{statement}:5:17: requirements.IOT-SBD-01.support: 'maybe'")
            .And.Contain("requirements.IOT-SBD-02.justification: required")
            .And.Contain($"{statement}:8:3: ixit.lockout-threshold: 'five' is not a WholeNumber")
            .And.Contain($"{statement}:9:3: ixit.favourite-colour: not a known IXIT fact"));
    }

    [Test]
    public async Task InitStatementWritesATemplateThatLoads()
    {
        using var temp = new TempFolder();
        var template = temp.Sub("statement.yaml");
        var init = await CertifyProgram.RunAsync("init-statement", "--out", template);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        var text = File.ReadAllText(template);
        Assert.That(text, Does.Contain("IOT-LCM-11:").And.Contain("# lockout-threshold:"));
        var plan = await CertifyProgram.RunAsync("run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--statement", template, "--plan");
        Assert.That(plan.ExitCode, Is.Zero, plan.ToString());
        Assert.That(plan.Stdout, Does.Contain("d.supported-no-decision  [IOT-SBD-01]  skip (artefact-missing: the conformance statement gives no IXIT fact lockout-threshold"),
            "a scenario reading an IXIT fact the statement does not give is skipped, not run with a guess");
    }
}
