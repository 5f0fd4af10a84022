using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// The files the mud commands read, opened as untrusted: a FIFO, a device or a directory is an
/// <see cref="UntrustedFileException"/> naming the path (exit 3), never a hang.
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

    public static byte[] ReadBytes(string path) => UntrustedFile.ReadAllBytes(path, MudLimits.Default.MaxBytes);

    public static byte[] ReadSignature(string path) => UntrustedFile.ReadAllBytes(path, MaxSignatureBytes);
}
