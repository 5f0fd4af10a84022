namespace IoTopia.Certify.Reports.Pdf;

/// <summary>Which Chromium prints report.pdf, and how long it may take before it is killed.</summary>
public sealed record ChromiumOptions
{
    /// <summary>Debian's chromium (a launcher script that execs the browser, so its pid is the browser's).</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    public string Executable { get; init; } = DefaultExecutable;

    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    /// <summary>How long a killed Chromium may take to be reaped before we stop waiting for it.</summary>
    public TimeSpan ReapDeadline { get; init; } = TimeSpan.FromSeconds(10);
}
