using IoTopia.Certify.Harness.Engine;

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
            ["trust-anchor"] = await CopyAsync(run, "mud-trust-anchor", "pem", "application/x-pem-file", await ReadAsync(mud.TrustAnchor, ct), ct),
        };
        if (mud.Signature is { } signature)
            copies["signature"] = await CopyAsync(run, "mud-signature", "p7s", MudMediaTypes.Signature, await ReadAsync(signature, ct), ct);
        return copies;
    }

    public static async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"the manufacturer's MUD publication: no such file: {path}", path);
        if (info.Length > MaxFileBytes)
            throw new InvalidDataException($"the manufacturer's MUD publication: {path} is larger than {MaxFileBytes} bytes");
        return await File.ReadAllBytesAsync(path, ct);
    }

    private static async Task<string> CopyAsync(RunContext run, string name, string extension, string mediaType, byte[] content, CancellationToken ct)
    {
        await using var evidence = run.CreateRunEvidence(name, extension, name, mediaType);
        await evidence.WriteAsync(content, ct);
        return evidence.RelativePath;
    }
}
