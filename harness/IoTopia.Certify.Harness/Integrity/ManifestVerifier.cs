using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>Re-hashes a run folder against its manifest: every changed, missing or added file by name, and the signature.</summary>
public static class ManifestVerifier
{
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    public sealed record Report(IReadOnlyList<string> Problems, int FilesChecked, SignatureCheck Signature)
    {
        public bool Intact => Problems.Count == 0;
    }

    /// <param name="anchors">the lab's trust anchors; empty: the signer is checked only for self-consistency</param>
    /// <param name="requireSignature">an unsigned run is a problem</param>
    /// <exception cref="InvalidDataException">the folder is not a run folder, or a run not sealed yet (the message says how to seal it)</exception>
    public static Report Verify(RunFolder folder, IReadOnlyList<X509Certificate2> anchors, bool requireSignature)
    {
        if (!File.Exists(folder.Manifest))
        {
            throw new InvalidDataException(File.Exists(folder.Journal)
                ? $"{folder.Root}: a run folder that is not sealed yet (no manifest.json): its harness was stopped before finishing. " +
                  $"Run `certify resume {folder.Root}` to finish and seal it, then verify it."
                : $"{folder.Root}: not a run folder (no manifest.json)");
        }

        var problems = new List<string>();
        var entries = ReadManifest(folder, problems);
        if (entries is null)
            return new Report(problems, 0, SignatureCheck.None);

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            listed.Add(entry.Path);
            if (CheckEntry(folder, entry) is { } problem)
                problems.Add(problem);
        }
        foreach (var path in ManifestWriter.CoveredFiles(folder).Where(p => !listed.Contains(p)))
            problems.Add($"{path}: added (not in the manifest)");

        var signature = CheckSignature(folder, anchors, requireSignature, problems);
        return new Report(problems, entries.Count, signature);
    }

    private static List<ManifestEntry>? ReadManifest(RunFolder folder, List<string> problems)
    {
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(UntrustedFile.ReadAllBytes(folder.Manifest, MaxManifestBytes), Json.Compact);
        }
        catch (Exception e) when (e is JsonException or UntrustedFileException)
        {
            problems.Add($"manifest.json: unreadable ({e.Message})");
            return null;
        }
        if (manifest?.Files is not { } files)
        {
            problems.Add("manifest.json: malformed (no \"files\" list)");
            return null;
        }
        var entries = new List<ManifestEntry>();
        for (var i = 0; i < files.Count; i++)
        {
            var entry = files[i];
            if (entry is null || string.IsNullOrEmpty(entry.Path) || entry.Sha256 is not { Length: 64 } || entry.Size < 0)
                problems.Add($"manifest.json: files[{i}] is malformed (needs path, a 64-digit sha256 and a size)");
            else
                entries.Add(entry);
        }
        return entries;
    }

    private static string? CheckEntry(RunFolder folder, ManifestEntry entry)
    {
        var full = Path.GetFullPath(Path.Combine(folder.Root, entry.Path));
        if (!full.StartsWith(folder.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return $"{entry.Path}: listed outside the run folder";
        if (!File.Exists(full))
            return $"{entry.Path}: missing";
        if (new FileInfo(full).LinkTarget is not null)
            return $"{entry.Path}: changed (now a symbolic link)";
        try
        {
            using var stream = UntrustedFile.OpenRegular(full);
            // never read more than the manifest's size and one byte: a file that grew is changed, not read for ever
            var bytes = UntrustedFile.ReadBounded(stream, entry.Path, entry.Size + 1);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            return sha == entry.Sha256 && bytes.Length == entry.Size
                ? null
                : $"{entry.Path}: changed (sha256 {sha}, manifest says {entry.Sha256})";
        }
        catch (UntrustedFileException e)
        {
            return $"{entry.Path}: changed ({e.Message.Replace(full, "").TrimStart(':', ' ')})";
        }
    }

    private static SignatureCheck CheckSignature(RunFolder folder, IReadOnlyList<X509Certificate2> anchors, bool requireSignature, List<string> problems)
    {
        var recorded = RecordedSigner(folder);
        if (!File.Exists(folder.Signature) && new FileInfo(folder.Signature).LinkTarget is null)
        {
            if (recorded is not null)
                problems.Add($"manifest.json.p7s: missing, but the journal records that the run was signed by {recorded.Signer}");
            else if (requireSignature)
                problems.Add("manifest.json.p7s: none, and a signature is required (--require-signature)");
            return SignatureCheck.None;
        }
        try
        {
            var check = ManifestSigner.Verify(folder, anchors);
            if (recorded is not null && recorded.CertificateSha256 != check.CertificateSha256)
                problems.Add($"manifest.json.p7s: signed by {check.Signer}, but the journal records that the run was signed by {recorded.Signer} (re-signed by another key)");
            return check;
        }
        catch (Exception e) when (e is CryptographicException or UntrustedFileException)
        {
            problems.Add($"manifest.json.p7s: bad signature ({e.Message})");
            return SignatureCheck.None;
        }
    }

    private static RunSigned? RecordedSigner(RunFolder folder)
    {
        try
        {
            return File.Exists(folder.Journal) ? JournalReader.Read(folder.Journal).Events.OfType<RunSigned>().LastOrDefault() : null;
        }
        catch (InvalidDataException)
        {
            return null; // a journal edited into nonsense is already "changed" by its hash
        }
    }
}
