namespace IoTopia.Certify.Reports;

/// <summary>results.json is missing, unreadable, not JSON, or not shaped like schemaVersion 1. The message names the file.</summary>
public sealed class ReportInputException : Exception
{
    public ReportInputException(string message)
        : base(message)
    {
    }

    public ReportInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
