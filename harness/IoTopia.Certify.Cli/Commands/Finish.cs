using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>What <c>run</c> and <c>resume</c> do at the end: render the reports, print the summary, choose the exit code.</summary>
public static class Finish
{
    public static async Task<int> ReportAsync(RunOutcome outcome)
    {
        try
        {
            await Reports.RenderAsync(outcome.Folder.Root);
        }
        catch (Exception e) when (e is IoTopia.Certify.Reports.ReportInputException or IOException)
        {
            // the record is complete; only the rendering failed, and `certify report` can retry it
            Console.Error.WriteLine($"reports not rendered: {e.Message} (results.json is complete; retry with `certify report {outcome.Folder.Root}`)");
        }
        var s = outcome.Results.Summary;
        Console.WriteLine();
        Console.WriteLine($"scenarios: {string.Join(", ", s.Scenarios.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))}");
        if (outcome.Results.Requirements.Count > 0)
            Console.WriteLine($"requirements: {string.Join(", ", s.Requirements.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))}");
        Console.WriteLine($"tier {s.Tier.Target}: {s.Tier.Verdict.Name()} ({DeviceText.ForTerminal(s.Tier.Reason)})");
        Console.WriteLine($"run folder: {outcome.Folder.Root}");
        if (outcome.Interrupted)
            Console.WriteLine($"interrupted: continue with `certify resume {outcome.Folder.Root}`");
        return ExitCodes.For(outcome.Results, outcome.Interrupted);
    }
}
