using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary><c>certify list requirements</c> prints the catalogue, and a framework's coverage, as the in-process catalogue has them.</summary>
[TestFixture]
public sealed class ListRequirementsTests
{
    private static IReadOnlyList<string> CatalogueIds => [.. LoadedInputs.LoadCatalogue(RepoRoot.Path).Catalogue.Requirements.Select(r => r.Id)];

    [Test]
    public async Task ListRequirementsPrintsTheCatalogue()
    {
        var result = await CertifyProgram.RunAsync("list", "requirements");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CatalogueIds, Has.Count.EqualTo(40));
        foreach (var id in CatalogueIds)
            Assert.That(result.Stdout, Does.Contain(id));
        Assert.That(result.Stdout, Does.Contain("40 requirements over 4 pillars"));
        var t1Lcm = await CertifyProgram.RunAsync("list", "requirements", "--pillar", "LCM", "--tier", "T1");
        Assert.That(t1Lcm.Stdout, Does.Contain("IOT-LCM-01").And.Not.Contain("IOT-LCM-03").And.Not.Contain("IOT-SBD-01"));
    }

    [Test]
    public async Task FrameworkCoverageListsEveryProvisionAndMarksTheUncovered()
    {
        var result = await CertifyProgram.RunAsync("list", "requirements", "--framework", "etsi-en-303-645");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var (catalogue, frameworks) = LoadedInputs.LoadCatalogue(RepoRoot.Path);
        var coverage = ReferenceCheck.Coverage(catalogue, frameworks["etsi-en-303-645"]);
        foreach (var (item, requirements) in coverage)
        {
            var line = result.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith(item.Id + " ", StringComparison.Ordinal));
            Assert.That(line, requirements.Count == 0 ? Does.Contain("NOT COVERED") : Does.Contain(requirements[0]));
        }
        Assert.That(result.Stdout, Does.Contain("5.1-1 ").And.Contain("IOT-SBD-01"));
        Assert.That(result.Stdout, Does.Match(@"68 identifiers, \d+ covered, \d+ not covered"));
    }
}
