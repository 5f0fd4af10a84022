using System.CommandLine;
using IoTopia.Certify.Cli.Reporting;
using IoTopia.Certify.Reports;
using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify report RUN</c>: re-renders every report of a run from its results.json alone, and prints report.pdf
/// from report.html. The run is sealed, so nothing is journalled: a PDF that cannot be printed is said on stderr.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var command = new Command("report", "Re-render report.html, report.md, junit.xml and report.pdf from a run's results.json") { run };
        command.SetAction(async (result, ct) =>
        {
            var folder = result.GetValue(run)!;
            try
            {
                await ReportRenderer.RenderAllAsync(folder, ct);
            }
            catch (ReportInputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            Console.WriteLine($"rendered {Path.Combine(folder, ReportRenderer.HtmlFileName)}, report.md, junit.xml");
            var pdf = await PdfReport.PrintAsync(folder, ChromiumSettings.FromEnvironment(), observer: null, ct);
            if (pdf.Printed)
                Console.WriteLine($"printed {pdf.Path} in {pdf.Elapsed.TotalSeconds:0.00} s ({pdf.Size} bytes)");
            else
                Console.Error.WriteLine($"report.pdf not printed: {pdf.Reason} ({ChromiumSettings.Hint(folder)})");
            return 0;
        });
        return command;
    }
}
