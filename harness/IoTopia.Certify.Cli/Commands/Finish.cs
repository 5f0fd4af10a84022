using System.Globalization;
using IoTopia.Certify.Cli.Reporting;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>What <c>run</c> and <c>resume</c> do at the end: say which reports could not be written, print the summary, choose the exit code.</summary>
public static class Finish
{
    public static int Report(RunOutcome outcome, RunReports reports)
    {
        // the reports were written (or not) before the manifest sealed the run; what failed is said here, after the live view
        foreach (var problem in reports.Problems)
            Console.Error.WriteLine(problem);
        var s = outcome.Results.Summary;
        Console.WriteLine();
        Console.WriteLine($"scenarios: {string.Join(", ", s.Scenarios.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))}");
        if (outcome.Results.Requirements.Count > 0)
            Console.WriteLine($"requirements: {string.Join(", ", s.Requirements.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))}");
        Console.WriteLine($"tier {s.Tier.Target}: {s.Tier.Verdict.Name()} ({DeviceText.ForTerminal(s.Tier.Reason)})");
        if (reports.Pdf is { Printed: true } pdf)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report.pdf: printed in {pdf.Elapsed.TotalSeconds:0.0} s ({pdf.Size} bytes)"));
        Console.WriteLine($"run folder: {outcome.Folder.Root}");
        if (outcome.Interrupted)
            Console.WriteLine($"interrupted: continue with `certify resume {outcome.Folder.Root}`");
        return ExitCodes.For(outcome.Results, outcome.Interrupted);
    }
}
