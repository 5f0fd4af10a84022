using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Output;

namespace IoTopia.Certify.Reports;

/// <summary>Renders report.html, report.md and junit.xml of a run folder from its results.json alone.</summary>
public static class ReportRenderer
{
    public const string HtmlFileName = "report.html";
    public const string MarkdownFileName = "report.md";
    public const string JunitFileName = "junit.xml";
    public const string PdfFileName = "report.pdf";

    /// <summary>
    /// Reads <c>&lt;runFolder&gt;/results.json</c> and writes the three reports beside it, each atomically
    /// (temporary file, then rename). Throws <see cref="ReportInputException"/> naming the file when
    /// results.json is missing or malformed; nothing is written then.
    /// </summary>
    public static async Task RenderAllAsync(string runFolder, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        using var results = await ResultsFile.LoadAsync(runFolder, ct);
        var root = results.Root;

        var html = await HtmlReport.RenderAsync(root);
        ct.ThrowIfCancellationRequested();
        var markdown = await MarkdownReport.RenderAsync(root);
        ct.ThrowIfCancellationRequested();
        var junit = JunitReport.Render(root);
        ct.ThrowIfCancellationRequested();

        await AtomicFile.WriteAsync(Path.Combine(runFolder, HtmlFileName), html, ct);
        await AtomicFile.WriteAsync(Path.Combine(runFolder, MarkdownFileName), markdown, ct);
        await AtomicFile.WriteAsync(Path.Combine(runFolder, JunitFileName), junit, ct);
    }
}
