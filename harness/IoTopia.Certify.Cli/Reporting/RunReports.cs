using System.Globalization;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Reports;
using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Cli.Reporting;

/// <summary>
/// Writes a run's reports before its manifest seals it: report.html, report.md and junit.xml from results.json, then
/// report.pdf printed from report.html by Chromium. Reports are re-renderable and not in the manifest; what was
/// written (each report's SHA-256) or why not is journalled, and the journal is. A report that cannot be written never
/// changes the run's verdict or exit code; it is said on the terminal once the run's view is closed. An interrupted
/// run gets no PDF (Ctrl-C asks for a prompt stop, and the run is not finished): `certify resume` prints it.
/// </summary>
public sealed class RunReports : IRunFinisher
{
    private readonly List<string> _problems = [];

    /// <summary>One line per report that could not be written, for the terminal.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>How printing report.pdf went; null when it was not attempted (the other reports failed, or the run was interrupted).</summary>
    public PdfOutcome? Pdf { get; private set; }

    public async Task FinishAsync(RunOutcome outcome, Journal journal, CancellationToken ct)
    {
        var folder = outcome.Folder;
        try
        {
            await ReportRenderer.RenderAllAsync(folder.Root, ct);
        }
        catch (Exception e) when (e is ReportInputException or IOException)
        {
            var text = $"reports not rendered: {e.Message} (results.json is complete; retry with `certify report {folder.Root}`)";
            _problems.Add(text);
            journal.Append(new Note { Text = text, Data = new JsonObject { ["reports"] = "not-rendered", ["reason"] = e.Message } });
            return;
        }

        journal.Append(new Note { Text = "reports rendered: report.html, report.md, junit.xml", Data = Rendered(folder) });
        var options = ChromiumSettings.FromEnvironment();
        if (outcome.Interrupted)
        {
            PdfReport.Discard(folder.Root);
            journal.Append(NotPrinted("the run was interrupted; `certify resume` completes it and prints report.pdf", TimeSpan.Zero, options));
            return;
        }

        var pdf = await PdfReport.PrintAsync(folder.Root, options, new JournalledChildProcess(journal), ct);
        Pdf = pdf;
        journal.Append(pdf.Printed ? Printed(pdf, options) : NotPrinted(pdf.Reason, pdf.Elapsed, options));
        if (!pdf.Printed)
            _problems.Add($"report.pdf not printed: {pdf.Reason} ({ChromiumSettings.Hint(folder.Root)})");
    }

    private static JsonObject Rendered(RunFolder folder)
    {
        var files = new JsonObject();
        foreach (var name in new[] { ReportRenderer.HtmlFileName, ReportRenderer.MarkdownFileName, ReportRenderer.JunitFileName })
        {
            var (sha256, size) = FileHash.Of(Path.Combine(folder.Root, name));
            files[name] = new JsonObject { ["sha256"] = sha256, ["size"] = size };
        }
        return new JsonObject { ["reports"] = "rendered", ["files"] = files };
    }

    private static Note Printed(PdfOutcome pdf, ChromiumOptions options)
    {
        var data = PdfData(true, pdf.Elapsed, options);
        data["sha256"] = pdf.Sha256;
        data["size"] = pdf.Size;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"report.pdf printed by {options.Executable} in {(double)data["seconds"]!:0.00} s ({pdf.Size} bytes, sha256 {pdf.Sha256})");
        return new Note { Text = text, Data = data };
    }

    private static Note NotPrinted(string reason, TimeSpan elapsed, ChromiumOptions options)
    {
        var data = PdfData(false, elapsed, options);
        data["reason"] = reason;
        return new Note { Text = $"report.pdf not printed: {reason}", Data = data };
    }

    private static JsonObject PdfData(bool printed, TimeSpan elapsed, ChromiumOptions options) => new()
    {
        ["report"] = ReportRenderer.PdfFileName,
        ["printed"] = printed,
        ["seconds"] = Math.Round(elapsed.TotalSeconds, 2),
        ["chromium"] = options.Executable,
    };
}
