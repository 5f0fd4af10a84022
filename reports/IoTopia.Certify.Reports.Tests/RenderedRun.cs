using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests;

/// <summary>A sample run written to a temp folder and rendered by <see cref="ReportRenderer"/>, with the three reports loaded.</summary>
public sealed class RenderedRun : IDisposable
{
    private RenderedRun(TempRunFolder folder, JsonObject results)
    {
        Folder = folder;
        Results = results;
    }

    public TempRunFolder Folder { get; }

    public JsonObject Results { get; }

    public string Html { get; private set; } = "";

    public IDocument Document { get; private set; } = null!;

    public string Markdown { get; private set; } = "";

    public string JunitText { get; private set; } = "";

    public XDocument Junit { get; private set; } = null!;

    public IEnumerable<JsonObject> Scenarios => Results["scenarios"]!.AsArray().Select(s => s!.AsObject());

    public IEnumerable<JsonObject> Requirements => Results["requirements"]!.AsArray().Select(r => r!.AsObject());

    public static Task<RenderedRun> TypicalAsync() => RenderAsync(SampleRun.WriteTypical);

    public static Task<RenderedRun> HostileAsync() => RenderAsync(SampleRun.WriteHostile);

    private static async Task<RenderedRun> RenderAsync(Func<string, JsonObject> write)
    {
        var folder = new TempRunFolder();
        var run = new RenderedRun(folder, write(folder.Path));
        await ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None);
        run.Html = await File.ReadAllTextAsync(folder.File("report.html"));
        run.Document = new HtmlParser().ParseDocument(run.Html);
        run.Markdown = await File.ReadAllTextAsync(folder.File("report.md"));
        run.JunitText = await File.ReadAllTextAsync(folder.File("junit.xml"));
        run.Junit = XDocument.Parse(run.JunitText);
        return run;
    }

    public JsonObject Scenario(string id) => Scenarios.Single(s => (string)s["id"]! == id);

    public IElement RequirementRow(string id) =>
        Document.QuerySelectorAll("tr[data-requirement]").Single(r => r.GetAttribute("data-requirement") == id);

    public IElement ScenarioSection(string id) =>
        Document.QuerySelectorAll("section[data-scenario]").Single(s => s.GetAttribute("data-scenario") == id);

    public IEnumerable<JsonObject> EvidenceOf(JsonObject scenario) =>
        scenario["attempts"]!.AsArray()
            .SelectMany(a => a!["steps"]!.AsArray())
            .SelectMany(s => s!["evidence"]!.AsArray())
            .Select(e => e!.AsObject());

    public XElement TestCase(string scenarioId) =>
        Junit.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith(scenarioId + ":", StringComparison.Ordinal));

    public void Dispose() => Folder.Dispose();
}
