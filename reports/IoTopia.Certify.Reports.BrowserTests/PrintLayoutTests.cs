using IoTopia.Certify.Reports.Tests.Samples;
using Microsoft.Playwright;

namespace IoTopia.Certify.Reports.BrowserTests;

/// <summary>
/// report.html as Chromium lays it out for print (what report.pdf is made of), at the printable width of an A4
/// landscape page (297 mm less 2 × 10 mm margins = 277 mm ≈ 1047 CSS px): nothing runs past the page edge, the filters
/// are not printed, and rows a reader filtered out on screen are printed all the same.
/// </summary>
[TestFixture]
public sealed class PrintLayoutTests
{
    private const int PrintableWidth = 1047;

    private const string Overflowing = """
        () => {
          const limit = document.documentElement.clientWidth;
          const found = [];
          for (const element of document.body.querySelectorAll('*')) {
            const box = element.getBoundingClientRect();
            if (box.width > 0 && box.right > limit + 0.5)
              found.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : '') + ' ends at ' + Math.round(box.right) + 'px');
          }
          if (document.documentElement.scrollWidth > limit)
            found.push('the page scrolls sideways to ' + document.documentElement.scrollWidth + 'px');
          return found.slice(0, 20);
        }
        """;

    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await DebianChromium.LaunchAsync(playwright);
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }

    [TestCase("typical")]
    [TestCase("hostile")]
    [TestCase("unbroken names")]
    [CancelAfter(30_000)]
    public async Task Nothing_runs_past_the_edge_of_an_A4_landscape_page(string sample, CancellationToken ct)
    {
        using var folder = new TempRunFolder();
        if (sample == "hostile")
            SampleRun.WriteHostile(folder.Path);
        else if (sample == "unbroken names")
            WriteWithUnbrokenNames(folder.Path);
        else
            SampleRun.WriteTypical(folder.Path);
        await ReportRenderer.RenderAllAsync(folder.Path, ct);
        await using var session = await PrintedAsync(folder);

        Assert.That(await session.Page.EvaluateAsync<string[]>(Overflowing), Is.Empty, "elements wider than the printable width would be cut");
        Assert.That(await session.Page.Locator(".filters").IsHiddenAsync(), Is.True, "the filters are not printed");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Rows_filtered_out_on_screen_are_printed(CancellationToken ct)
    {
        using var folder = new TempRunFolder();
        var results = SampleRun.WriteTypical(folder.Path);
        await ReportRenderer.RenderAllAsync(folder.Path, ct);
        await using var session = await PageSession.OpenAsync(browser, folder.File("report.html"));
        var page = session.Page;
        await page.SelectOptionAsync("#filter-verdict", "fail");
        Assert.That(await page.Locator("tr[data-requirement='IOT-SBD-01']").IsHiddenAsync(), Is.True, "on screen the filter hides a pass");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.That(await page.Locator("tr[data-requirement='IOT-SBD-01']").IsVisibleAsync(), Is.True, "printed all the same");
        var rows = page.Locator("tr[data-requirement]");
        Assert.That(await rows.CountAsync(), Is.EqualTo(results["requirements"]!.AsArray().Count));
        foreach (var row in await rows.AllAsync())
            Assert.That(await row.IsVisibleAsync(), Is.True, await row.GetAttributeAsync("data-requirement"));
        foreach (var scenario in await page.Locator("section[data-scenario]").AllAsync())
            Assert.That(await scenario.IsVisibleAsync(), Is.True, await scenario.GetAttributeAsync("data-scenario"));
        session.AssertClean();
    }

    /// <summary>The typical run where a path, a step name, a measurement and an evidence file name are 300 characters without a break.</summary>
    private static void WriteWithUnbrokenNames(string folder)
    {
        var results = SampleRun.WriteTypical(folder);
        var unbroken = new string('n', 300);
        results["run"]!["inputs"]![0]!["path"] = "/lab/" + unbroken + ".yaml";
        var step = results["scenarios"]![1]!["attempts"]![0]!["steps"]![1]!;
        step["name"] = "http." + unbroken;
        step["measurements"]![0]!["name"] = "lockout-" + unbroken;
        step["evidence"]![0]!["path"] = $"evidence/sbd-default-password/attempt-1/002-{unbroken}.json";
        ResultsJson.Write(folder, results);
    }

    private async Task<PageSession> PrintedAsync(TempRunFolder folder)
    {
        var session = await PageSession.OpenAsync(browser, folder.File("report.html"));
        await session.Page.SetViewportSizeAsync(PrintableWidth, 740);
        await session.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        return session;
    }
}
