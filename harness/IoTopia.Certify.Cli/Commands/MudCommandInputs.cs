using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// The files the mud commands read, opened as untrusted: a device or a directory (and, but for captures, a FIFO)
/// is an <see cref="UntrustedFileException"/> naming the path (exit 3), never a hang.
/// </summary>
public static class MudCommandInputs
{
    private const long MaxSignatureBytes = 1024 * 1024;

    public static MudValidationResult Validate(string path)
    {
        var limit = MudLimits.Default.MaxBytes + 1; // one byte more than allowed, so the validator can say "too large"
        using var stream = UntrustedFile.OpenRegular(path);
        var bytes = new byte[limit];
        var length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return MudValidator.Validate(path, bytes[..length]);
    }

    /// <summary>The <c>--pcap</c> value that names standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>
    /// Reads a capture in one pass without seeking: a regular file, a pipe (<c>&lt;(zcat x.pcap.gz)</c>, a FIFO)
    /// or standard input (<c>-</c>); a device or directory is refused.
    /// </summary>
    public static CaptureAnalysis AnalyzeCapture(string path, CheckSettings settings)
    {
        if (path == StandardInput)
        {
            using var input = Console.OpenStandardInput();
            return CaptureAnalyzer.Analyze(input, "standard input", settings);
        }
        using var stream = UntrustedFile.OpenForStreaming(path);
        return CaptureAnalyzer.Analyze(stream, path, settings);
    }

    public static byte[] ReadBytes(string path) => UntrustedFile.ReadAllBytes(path, MudLimits.Default.MaxBytes);

    public static byte[] ReadSignature(string path) => UntrustedFile.ReadAllBytes(path, MaxSignatureBytes);
}
