using System.Text.Json.Nodes;
using IoTopia.Certify.Reports.Pdf;
using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests.Pdf;

/// <summary>report.pdf printed by the real Chromium from the sample runs, read back with poppler.</summary>
[TestFixture]
public sealed class PdfReportTests
{
    private TempRunFolder temp = null!;

    [OneTimeSetUp]
    public void Prerequisites()
    {
        Chromium.RequireInstalled();
        Poppler.RequireInstalled();
        temp = new TempRunFolder();
    }

    [OneTimeTearDown]
    public void CleanUp() => temp?.Dispose();

    [Test]
    [CancelAfter(120_000)]
    public async Task The_typical_run_prints_to_an_A4_landscape_pdf_holding_every_requirement_and_evidence_hash(CancellationToken ct)
    {
        // a folder name that is not a plain URL path: the file:// URL must still reach report.html
        var folder = Path.Combine(temp.Path, "run #1 %41 ?x");
        Directory.CreateDirectory(folder);
        var results = SampleRun.WriteTypical(folder);
        await ReportRenderer.RenderAllAsync(folder, ct);
        var observer = new RecordingObserver();

        var outcome = await PdfReport.PrintAsync(folder, new ChromiumOptions(), observer, ct);

        Assert.That(outcome.Printed, Is.True, outcome.Reason);
        var pdf = Path.Combine(folder, "report.pdf");
        Assert.That(outcome.Path, Is.EqualTo(pdf));
        Assert.That(File.ReadAllBytes(pdf)[..5], Is.EqualTo("%PDF-"u8.ToArray()));
        Assert.That(outcome.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(pdf)))));
        Assert.That(outcome.Size, Is.EqualTo(new FileInfo(pdf).Length));

        var text = await Poppler.TextAsync(pdf);
        var squeezed = Poppler.Squeezed(text);
        foreach (var requirement in results["requirements"]!.AsArray())
            Assert.That(text, Does.Contain((string)requirement!["id"]!), "every requirement ID is text in the PDF");
        foreach (var sha256 in EvidenceHashes(results))
            Assert.That(squeezed, Does.Contain(sha256), "every evidence SHA-256 is whole in the PDF (nothing cut at the page edge)");
        Assert.That(text, Does.Contain("Requirement matrix").And.Contain("sbd-declared-services").And.Contain("undeclared service 23/tcp"));
        Assert.That(text, Does.Not.Contain("all verdicts"), "the filters are not printed");

        var info = await Poppler.InfoAsync(pdf);
        var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(info, Does.Match(@"Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)"), "A4 landscape");
        Assert.That(info, Does.Match(@"JavaScript:\s+no"));
        Assert.That(text, Does.Contain($"page 1 of {pages}").And.Contain($"page {pages} of {pages}"), "every page is numbered");
        Assert.That(text, Does.Contain("run 20250602T090000Z-acme-cam-200"), "every page names the run");

        Assert.That(observer.Starts, Has.Count.EqualTo(1));
        Assert.That(observer.Ends, Is.EqualTo(new[] { (observer.Starts[0].Pid, (int?)0, false) }), "started, exited 0 by itself, reaped");
        Assert.That(Directory.Exists(observer.Profile), Is.False, "the throw-away profile is gone");
        Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty, "no temporary file left");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Hostile_device_strings_are_inert_text_in_the_pdf(CancellationToken ct)
    {
        var folder = Path.Combine(temp.Path, "hostile");
        Directory.CreateDirectory(folder);
        SampleRun.WriteHostile(folder);
        await ReportRenderer.RenderAllAsync(folder, ct);

        var outcome = await PdfReport.PrintAsync(folder, new ChromiumOptions(), null, ct);

        Assert.That(outcome.Printed, Is.True, outcome.Reason);
        var squeezed = Poppler.Squeezed(await Poppler.TextAsync(outcome.Path));
        foreach (var payload in new[] { Hostile.Script, Hostile.Img, Hostile.LiquidOutput, Hostile.LiquidRaw, Hostile.LiquidTag, Visible.Text(Hostile.Ansi), Visible.Text(Hostile.Nul), Hostile.Closers })
            Assert.That(squeezed, Does.Contain(Poppler.Squeezed(payload)), $"shown as text: {payload}");
        Assert.That(squeezed, Does.Not.Contain("\u001b").And.Not.Contain("\0"), "no raw control characters");

        Assert.That(await Poppler.InfoAsync(outcome.Path), Does.Match(@"JavaScript:\s+no"), "no JavaScript in the PDF");
        var evidence = new Uri(Path.Combine(folder, "evidence") + "/").AbsoluteUri;
        var urls = await Poppler.UrlsAsync(outcome.Path);
        Assert.That(urls, Is.Not.Empty, "evidence links survive into the PDF");
        Assert.That(urls, Has.All.StartsWith(evidence), "the only links are to the run's own evidence files");
        Assert.That(urls, Has.None.Contains("javascript").IgnoreCase.And.None.Contains("..").And.None.Contains("passwd"));
    }

    private static IEnumerable<string> EvidenceHashes(JsonObject results) =>
        results["scenarios"]!.AsArray()
            .SelectMany(s => s!["attempts"]!.AsArray())
            .SelectMany(a => a!["steps"]!.AsArray())
            .SelectMany(s => s!["evidence"]!.AsArray())
            .Select(e => (string)e!["sha256"]!);
}
