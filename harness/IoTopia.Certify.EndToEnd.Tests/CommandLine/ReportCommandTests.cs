using AngleSharp.Html.Parser;
using System.Xml.Linq;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>The reports a real run leaves, and <c>certify report</c> re-rendering them from results.json alone.</summary>
[TestFixture]
public sealed class ReportCommandTests
{
    private TempFolder _temp = null!;
    private string _run = null!;

    [OneTimeSetUp]
    public async Task RunTheVerdictsAndHostileSuites()
    {
        _temp = new TempFolder();
        _run = _temp.Sub("run");
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", TestSuites.File("hostile.yaml"),
            "--suite", TestSuites.File("verdicts.yaml"), "--filter", "h.*,v.pass,v.fail-measurement,v.needs-capture", "--out", _run], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [Test]
    public void TheHtmlReportTracesEveryRequirementAndEvidenceFile()
    {
        var run = new RunFolderReader(_run);
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_run, "report.html")));
        foreach (var requirement in run.Results["requirements"]!.AsArray())
        {
            var row = document.QuerySelector($"tr[data-requirement='{requirement!["id"]}']");
            Assert.That(row, Is.Not.Null, $"{requirement["id"]} is in the matrix");
            Assert.That(row!.GetAttribute("data-verdict"), Is.EqualTo((string?)requirement["verdict"]));
        }
        var links = document.QuerySelectorAll("a.evidence").Select(a => (a.GetAttribute("href"), a.GetAttribute("data-sha256"))).ToHashSet();
        var evidence = run.Results["scenarios"]!.AsArray().SelectMany(s => s!["attempts"]!.AsArray()).SelectMany(a => a!["steps"]!.AsArray())
            .SelectMany(s => s!["evidence"]!.AsArray()).Select(e => ((string?)e!["path"], (string?)e["sha256"])).ToList();
        Assert.That(evidence, Is.Not.Empty);
        Assert.That(links, Is.SupersetOf(evidence));
    }

    [Test]
    public void HostileDeviceStringsAreTextInTheHtmlReport()
    {
        var html = File.ReadAllText(Path.Combine(_run, "report.html"));
        var document = new HtmlParser().ParseDocument(html);
        Assert.That(document.QuerySelectorAll("img"), Is.Empty, "no injected <img>");
        Assert.That(document.QuerySelectorAll("script").Count(s => s.TextContent.Contains("alert(")), Is.Zero, "no injected script");
        Assert.That(document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
        Assert.That(document.Body!.TextContent, Does.Contain("<script>alert(1)</script>").And.Contain("{{ 7*7 }}").And.Contain("{% raw %}"));
        Assert.That(document.Body.TextContent, Does.Not.Contain("\u001b").And.Not.Contain("\0"));
    }

    [Test]
    public void JunitXmlParsesAndMarksEveryVerdict()
    {
        var junit = XDocument.Load(Path.Combine(_run, "junit.xml"));
        var scenarios = new RunFolderReader(_run).Results["scenarios"]!.AsArray();
        var cases = junit.Descendants("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(scenarios.Count), "one testcase per scenario");
        Assert.That(cases.All(c => c.Attribute("name") is not null && c.Attribute("classname") is not null), Is.True);
        Assert.That(cases.Count(c => c.Element("failure") is not null), Is.EqualTo(2));
        Assert.That(cases.Count(c => c.Element("skipped") is not null), Is.EqualTo(scenarios.Count(s => (string?)s!["verdict"] == "skipped")));
        Assert.That(cases.Single(c => c.Attribute("name")!.Value.StartsWith("v.needs-capture")).Element("skipped"), Is.Not.Null);
    }

    [Test]
    public async Task ReportReRendersFromResultsJsonAlone()
    {
        var copy = _temp.Sub("copy");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(_run, "results.json"), Path.Combine(copy, "results.json"));
        var result = await CertifyProgram.RunAsync("report", copy);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        foreach (var report in new[] { "report.html", "report.md", "junit.xml" })
            Assert.That(File.ReadAllText(Path.Combine(copy, report)), Is.EqualTo(File.ReadAllText(Path.Combine(_run, report))), report);
    }

    [Test]
    public async Task ReportOnAFolderWithoutResultsIsBadInput()
    {
        var result = await CertifyProgram.RunAsync("report", _temp.Path);
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain("results.json"));
    }
}
