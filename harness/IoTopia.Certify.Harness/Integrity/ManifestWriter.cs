using System.Text.Json;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>
/// Lists what the manifest covers — everything under evidence/ and inputs/, results.json and
/// journal.jsonl — and writes manifest.json. Reports are re-renderable and not in it.
/// </summary>
public static class ManifestWriter
{
    public static IEnumerable<string> CoveredFiles(RunFolder folder)
    {
        foreach (var top in new[] { folder.Results, folder.Journal })
        {
            if (File.Exists(top))
                yield return folder.Relative(top);
        }
        foreach (var dir in new[] { folder.Evidence, folder.Inputs })
        {
            if (!Directory.Exists(dir))
                continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                yield return folder.Relative(file);
        }
    }

    public static Manifest Write(RunFolder folder, string runId)
    {
        var manifest = new Manifest
        {
            Run = runId,
            Created = DateTimeOffset.UtcNow,
            Files = CoveredFiles(folder).Select(p => Hash(folder, p)).ToList(),
        };
        if (File.Exists(folder.Signature))
            File.Delete(folder.Signature); // a signature over an older manifest would be misleading
        AtomicFile.Write(folder.Manifest, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest, Json.Indented)));
        return manifest;
    }

    public static ManifestEntry Hash(RunFolder folder, string relative)
    {
        var (sha, size) = FileHash.Of(Path.Combine(folder.Root, relative));
        return new ManifestEntry(relative, sha, size);
    }
}
