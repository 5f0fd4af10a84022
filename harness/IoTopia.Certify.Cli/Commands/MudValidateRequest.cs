using System.Globalization;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Signature;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>The checked arguments of <c>certify mud validate</c>; every inconsistency is a <see cref="MudInputException"/> (exit 3).</summary>
public sealed record MudValidateRequest(IReadOnlyList<string> Files, string? Signature, MudSignatureOptions? SignatureOptions)
{
    public static MudValidateRequest From(string[] files, string? signature, string[] anchors, string? device, bool ignoreTime, string? at)
    {
        if (files.Length == 0)
            throw new MudInputException("give at least one MUD file");
        if (signature is null)
        {
            if (anchors.Length > 0 || device is not null || ignoreTime || at is not null)
                throw new MudInputException("--trust-anchor, --device-cert, --ignore-time and --at apply to a signature: give --signature P7S too");
            return new MudValidateRequest(files, null, null);
        }
        if (files.Length != 1)
            throw new MudInputException($"--signature belongs to one MUD file; {files.Length} were given");
        if (anchors.Length == 0)
            throw new MudInputException("--signature needs --trust-anchor PEM: a signature is only worth the anchor it chains to");
        if (ignoreTime && at is not null)
            throw new MudInputException("--ignore-time and --at exclude each other");
        if (!File.Exists(signature))
            throw new MudInputException($"{signature}: no such signature file");
        foreach (var file in anchors.Append(device).OfType<string>())
            EnsureRegular(file);
        var options = new MudSignatureOptions
        {
            TrustAnchors = TrustAnchorLoader.Load(anchors),
            DeviceCertificate = device is null ? null : TrustAnchorLoader.LoadOne(device),
            Time = ignoreTime ? TimeCheck.Waived() : at is null ? TimeCheck.Now() : TimeCheck.AsOf(ParseTime(at)),
        };
        return new MudValidateRequest(files, signature, options);
    }

    private static void EnsureRegular(string path)
    {
        try
        {
            UntrustedFile.OpenRegular(path).Dispose();
        }
        catch (UntrustedFileException e)
        {
            throw new MudInputException(e.Message);
        }
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new MudInputException($"--at {text}: not a time (use ISO 8601, e.g. 2018-12-01T00:00:00Z)");
}
