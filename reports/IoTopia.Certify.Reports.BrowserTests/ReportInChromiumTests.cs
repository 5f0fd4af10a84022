using IoTopia.Certify.Reports.Tests.Samples;
using Microsoft.Playwright;

namespace IoTopia.Certify.Reports.BrowserTests;

/// <summary>report.html opened from disk in Debian's Chromium: the matrix shows, the filter works offline, no errors.</summary>
[TestFixture]
public sealed class ReportInChromiumTests
{
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

    [Test]
    [CancelAfter(30_000)]
    public async Task The_matrix_shows_and_the_verdict_filter_hides_passes_without_page_errors(CancellationToken ct)
    {
        using var folder = new TempRunFolder();
        var results = SampleRun.WriteTypical(folder.Path);
        await ReportRenderer.RenderAllAsync(folder.Path, ct);
        await using var session = await PageSession.OpenAsync(browser, folder.File("report.html"));
        var page = session.Page;

        var requirementCount = results["requirements"]!.AsArray().Count;
        var rows = page.Locator("tr[data-requirement]");
        Assert.That(await page.Locator("table.matrix").IsVisibleAsync(), Is.True, "the matrix shows");
        Assert.That(await rows.CountAsync(), Is.EqualTo(requirementCount));
        Assert.That(await VisibleAsync(rows), Has.Count.EqualTo(requirementCount), "nothing hidden before filtering");
        Assert.That(await page.Locator("#filter-status").TextContentAsync(), Does.Contain($"showing {requirementCount} of {requirementCount} requirements"), "the script ran");

        await page.SelectOptionAsync("#filter-verdict", "fail");
        Assert.That(await VisibleAsync(rows), Is.EquivalentTo(new[] { ("IOT-SBD-03", "fail"), ("IOT-SBD-04", "fail") }), "only fail rows show");
        Assert.That(await page.Locator("tr[data-requirement='IOT-SBD-01']").IsHiddenAsync(), Is.True, "a pass row is hidden");
        Assert.That(await VisibleAsync(page.Locator("section[data-scenario]")), Is.EqualTo(new[] { ("sbd-declared-services", "fail") }));

        await page.SelectOptionAsync("#filter-verdict", "all");
        await page.SelectOptionAsync("#filter-pillar", "INT");
        Assert.That((await VisibleAsync(rows)).Select(r => r.Id), Is.EqualTo(new[] { "IOT-INT-01", "IOT-INT-02" }), "the pillar filter");

        await page.SelectOptionAsync("#filter-pillar", "all");
        Assert.That(await VisibleAsync(rows), Has.Count.EqualTo(requirementCount), "clearing the filters shows everything again");

        session.AssertClean();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_hostile_report_runs_no_device_script(CancellationToken ct)
    {
        using var folder = new TempRunFolder();
        SampleRun.WriteHostile(folder.Path);
        await ReportRenderer.RenderAllAsync(folder.Path, ct);
        await using var session = await PageSession.OpenAsync(browser, folder.File("report.html"));

        await session.Page.SelectOptionAsync("#filter-verdict", "fail");
        Assert.That(await session.Page.Locator("tr[data-requirement='IOT-SBD-03']").IsVisibleAsync(), Is.True);
        Assert.That(await session.Page.EvaluateAsync<int>("document.querySelectorAll('script, img, svg, iframe').length"), Is.EqualTo(1));
        session.AssertClean();
    }

    /// <summary>(data-requirement or data-scenario, data-verdict) of every element of the locator that is visible.</summary>
    private static async Task<List<(string Id, string Verdict)>> VisibleAsync(ILocator locator)
    {
        var shown = new List<(string, string)>();
        foreach (var element in await locator.AllAsync())
        {
            if (!await element.IsVisibleAsync())
                continue;
            var id = await element.GetAttributeAsync("data-requirement") ?? await element.GetAttributeAsync("data-scenario") ?? "";
            shown.Add((id, await element.GetAttributeAsync("data-verdict") ?? ""));
        }

        return shown;
    }
}
