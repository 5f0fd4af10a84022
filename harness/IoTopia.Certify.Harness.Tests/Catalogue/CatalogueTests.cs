using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Harness.Tests.Catalogue;

[TestFixture]
public sealed class CatalogueTests
{
    private static readonly string[] FrozenIds =
    [
        .. Enumerable.Range(1, 12).Select(n => $"IOT-SBD-{n:D2}"),
        .. Enumerable.Range(1, 8).Select(n => $"IOT-INT-{n:D2}"),
        .. Enumerable.Range(1, 9).Select(n => $"IOT-ONB-{n:D2}"),
        .. Enumerable.Range(1, 11).Select(n => $"IOT-LCM-{n:D2}"),
    ];

    [Test]
    public void TheFortyFrozenIdsOverFourPillars()
    {
        var (catalogue, _) = LoadedInputs.LoadCatalogue(RepoRoot.Path);
        Assert.That(catalogue.Requirements.Select(r => r.Id), Is.EqualTo(FrozenIds));
        Assert.That(catalogue.Requirements.Select(r => r.Pillar).Distinct(), Is.EquivalentTo(new[] { "SBD", "INT", "ONB", "LCM" }));
        Assert.That(catalogue.Requirements.All(r => r.Id.Contains($"-{r.Pillar}-")), Is.True);
    }

    [Test]
    public void EveryCrossReferenceResolvesInItsFrameworkFile()
    {
        var (catalogue, frameworks) = LoadedInputs.LoadCatalogue(RepoRoot.Path);
        Assert.That(ReferenceCheck.Problems(catalogue, frameworks), Is.Empty);
        Assert.That(frameworks.Keys, Is.SupersetOf(new[] { "etsi-en-303-645", "etsi-ts-103-701", "nistir-8259a", "iec-62443-4-2", "cra-annex-i", "sesip" }));
    }

    [Test]
    public void ADanglingCrossReferenceIsAnError()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Sub("suites"));
        CopyDirectory(Path.Combine(RepoRoot.Path, "suites", "frameworks"), temp.Sub("suites/frameworks"));
        var text = File.ReadAllText(LoadedInputs.CataloguePath(RepoRoot.Path)).Replace("etsi-en-303-645: [\"5.1-1\"", "etsi-en-303-645: [\"5.1-99\"");
        File.WriteAllText(Path.Combine(temp.Sub("suites"), "requirements.yaml"), text);
        var e = Assert.Throws<InputException>(() => LoadedInputs.LoadCatalogue(temp.Path))!;
        Assert.That(e.Message, Does.Contain("IOT-SBD-01: references.etsi-en-303-645: '5.1-99' is not in"));
    }

    // Found by fuzzing: duplicates were reported without a line.
    [Test]
    public void ARequirementListedTwiceIsNamedAtItsSecondLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("requirements.yaml", File.ReadAllText(LoadedInputs.CataloguePath(RepoRoot.Path)).Replace("id: IOT-SBD-02", "id: IOT-SBD-01"));
        var e = Assert.Throws<InputException>(() => RequirementCatalogue.Load(file))!;
        Assert.That(e.Message, Does.Match($@"{Regex.Escape(file)}:\d+:\d+: requirement.id: IOT-SBD-01 is listed again \(first on line \d+\)"));
    }

    [Test]
    public void AFrameworkIdentifierListedTwiceIsNamedAtItsSecondLine()
    {
        using var temp = new TempFolder();
        var text = File.ReadAllText(Path.Combine(LoadedInputs.FrameworksPath(RepoRoot.Path), "etsi-en-303-645.yaml")).Replace("id: \"5.1-2\"", "id: \"5.1-1\"");
        var file = temp.Write("etsi-en-303-645.yaml", text);
        var e = Assert.Throws<InputException>(() => FrameworkLoader.LoadAll(temp.Path))!;
        Assert.That(e.Message, Does.Match($@"{Regex.Escape(file)}:\d+:\d+: identifier.id: '5.1-1' is listed again \(first on line \d+\)"));
    }

    [Test]
    public void TheEtsiFileIsCompleteForV211()
    {
        var (_, frameworks) = LoadedInputs.LoadCatalogue(RepoRoot.Path);
        var etsi = frameworks["etsi-en-303-645"];
        // V2.1.1 clause sizes: 5.1 has 5 provisions, 5.3 has 16, 5.5 has 8, 5.6 has 9, clause 6 has 5
        int Count(string prefix) => etsi.Items.Count(i => i.Id.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Count("5.1-"), Is.EqualTo(5));
            Assert.That(Count("5.3-"), Is.EqualTo(16));
            Assert.That(Count("5.5-"), Is.EqualTo(8));
            Assert.That(Count("5.6-"), Is.EqualTo(9));
            Assert.That(Count("6-"), Is.EqualTo(5));
            Assert.That(etsi.Items.All(i => i.Status is { Length: > 0 } s && (s.StartsWith('M') || s.StartsWith('R'))), Is.True, "every provision has its shall/should status");
        });
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
