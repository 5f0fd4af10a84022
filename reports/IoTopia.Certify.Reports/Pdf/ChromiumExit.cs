namespace IoTopia.Certify.Reports.Pdf;

/// <summary>How the printing browser ended: its exit code (null when it could not be reaped), whether the deadline killed it, and its last words.</summary>
internal sealed record ChromiumExit(int? ExitCode, bool TimedOut, OutputTail Stdout, OutputTail Stderr);
