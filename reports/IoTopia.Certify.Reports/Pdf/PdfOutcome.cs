namespace IoTopia.Certify.Reports.Pdf;

/// <summary>What printing report.pdf came to: the file with its SHA-256 and size, or why there is none.</summary>
public sealed record PdfOutcome
{
    public required bool Printed { get; init; }

    /// <summary>Empty when printed; otherwise one line naming what went wrong.</summary>
    public string Reason { get; init; } = "";

    public required TimeSpan Elapsed { get; init; }

    public string Path { get; init; } = "";

    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public static PdfOutcome Failed(string reason, TimeSpan elapsed) => new() { Printed = false, Reason = reason, Elapsed = elapsed };
}
