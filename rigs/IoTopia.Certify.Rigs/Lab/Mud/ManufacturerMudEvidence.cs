using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Files;

namespace IoTopia.Certify.Rigs.Lab.Mud;

/// <summary>Copies the manufacturer's publication into the run (<c>evidence/_run/</c>): the MUD file, its signature and the trust anchor the run judged by.</summary>
public static class ManufacturerMudEvidence
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The copies' paths in the run folder, by "mud-file", "signature", "trust-anchor". Throws naming a file that is missing or too large.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CopyAsync(RunContext run, ManufacturerMud mud, CancellationToken ct)
    {
        var copies = new Dictionary<string, string>
        {
            ["mud-file"] = await CopyAsync(run, "mud-file", "json", MudMediaTypes.MudFile, await ReadAsync(mud.MudFile, ct), ct),
        };
        if (mud.TrustAnchor is { } anchor)
            copies["trust-anchor"] = await CopyAsync(run, "mud-trust-anchor", "pem", "application/x-pem-file", await ReadAsync(anchor, ct), ct);
        if (mud.Signature is { } signature)
            copies["signature"] = await CopyAsync(run, "mud-signature", "p7s", MudMediaTypes.Signature, await ReadAsync(signature, ct), ct);
        return copies;
    }

    /// <summary>
    /// Reads a file of the manufacturer's publication named by the rig file: a regular file of at most
    /// <see cref="MaxFileBytes"/> (a FIFO or a device is refused, never waited on).
    /// </summary>
    /// <exception cref="IOException">missing, not a regular file, too large or unreadable; the message names the file</exception>
    public static Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!File.Exists(path))
            throw new FileNotFoundException($"the manufacturer's MUD publication: no such file: {path}", path);
        try
        {
            return Task.FromResult(UntrustedFile.ReadAllBytes(path, MaxFileBytes));
        }
        catch (UntrustedFileException e)
        {
            throw new UntrustedFileException($"the manufacturer's MUD publication: {e.Message}");
        }
    }

    private static async Task<string> CopyAsync(RunContext run, string name, string extension, string mediaType, byte[] content, CancellationToken ct)
    {
        await using var evidence = run.CreateRunEvidence(name, extension, name, mediaType);
        await evidence.WriteAsync(content, ct);
        return evidence.RelativePath;
    }
}
