using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Cli.Reporting;

/// <summary>Which Chromium prints report.pdf: Debian's /usr/bin/chromium, or the path in CERTIFY_CHROMIUM.</summary>
public static class ChromiumSettings
{
    public const string Variable = "CERTIFY_CHROMIUM";

    public static ChromiumOptions FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? new ChromiumOptions { Executable = path }
            : new ChromiumOptions();

    /// <summary>What to tell the operator after a failed print.</summary>
    public static string Hint(string runFolder) =>
        $"the verdict is unaffected; install chromium or set {Variable}, then `certify report {runFolder}`";
}
