using Microsoft.Playwright;

namespace IoTopia.Certify.Reports.BrowserTests;

/// <summary>A page on a report file that records console errors and warnings, page errors, dialogs and every request.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly List<string> problems = [];
    private readonly List<string> requests = [];
    private readonly string url;

    private PageSession(IPage page, string url)
    {
        Page = page;
        this.url = url;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                problems.Add($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            problems.Add($"dialog {dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.Request += (_, request) => requests.Add(request.Url);
    }

    public IPage Page { get; }

    public static async Task<PageSession> OpenAsync(IBrowser browser, string file)
    {
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(5_000);
        var session = new PageSession(page, new Uri(file).AbsoluteUri);
        await page.GotoAsync(session.url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return session;
    }

    /// <summary>No console error or warning, no page error, no dialog, and no request but the report itself.</summary>
    public void AssertClean()
    {
        Assert.That(problems, Is.Empty, "no console errors or warnings, page errors or dialogs");
        Assert.That(requests, Is.EqualTo(new[] { url }), "the page loads nothing but itself");
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
