using IoTopia.Certify.Reports;

namespace IoTopia.Certify.Cli;

/// <summary>Renders report.html, report.md and junit.xml of a run folder from its results.json.</summary>
public static class Reports
{
    public static Task RenderAsync(string runFolder) => ReportRenderer.RenderAllAsync(runFolder, CancellationToken.None);
}
