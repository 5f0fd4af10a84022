using System.CommandLine;
using IoTopia.Certify.Reports;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify report RUN</c>: re-renders every report of a run from its results.json alone.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var command = new Command("report", "Re-render report.html, report.md and junit.xml from a run's results.json") { run };
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
            Console.WriteLine($"rendered {Path.Combine(folder, "report.html")}, report.md, junit.xml");
            return 0;
        });
        return command;
    }
}
