using System.Security.Cryptography;
using System.Text.Json;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>Re-hashes a run folder against its manifest: every changed, missing or added file by name, and the signature.</summary>
public static class ManifestVerifier
{
    public sealed record Report(IReadOnlyList<string> Problems, int FilesChecked, string? Signer)
    {
        public bool Intact => Problems.Count == 0;
    }

    /// <exception cref="InvalidDataException">the folder is not a run folder (no readable manifest)</exception>
    public static Report Verify(RunFolder folder)
    {
        if (!File.Exists(folder.Manifest))
            throw new InvalidDataException($"{folder.Root}: not a run folder (no manifest.json)");
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(folder.Manifest), Json.Compact)
                       ?? throw new InvalidDataException("empty manifest");
        }
        catch (JsonException e)
        {
            return new Report([$"manifest.json: unreadable ({e.Message})"], 0, null);
        }

        var problems = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            listed.Add(entry.Path);
            var full = Path.GetFullPath(Path.Combine(folder.Root, entry.Path));
            if (!full.StartsWith(folder.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{entry.Path}: listed outside the run folder");
                continue;
            }
            if (!File.Exists(full))
            {
                problems.Add($"{entry.Path}: missing");
                continue;
            }
            var now = ManifestWriter.Hash(folder, entry.Path);
            if (now.Sha256 != entry.Sha256 || now.Size != entry.Size)
                problems.Add($"{entry.Path}: changed (sha256 {now.Sha256}, manifest says {entry.Sha256})");
        }
        foreach (var path in ManifestWriter.CoveredFiles(folder).Where(p => !listed.Contains(p)))
            problems.Add($"{path}: added (not in the manifest)");

        string? signer = null;
        if (File.Exists(folder.Signature))
        {
            try
            {
                signer = ManifestSigner.Verify(folder).Subject;
            }
            catch (CryptographicException e)
            {
                problems.Add($"manifest.json.p7s: bad signature ({e.Message})");
            }
        }
        return new Report(problems, manifest.Files.Count, signer);
    }
}
