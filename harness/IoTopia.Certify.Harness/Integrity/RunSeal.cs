using System.Text.Json;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>
/// A run is sealed when its manifest covers the journal as it is now: nothing was journalled after the manifest
/// was written. A run cut off while finishing (no manifest, or an older one) is not, and <c>resume</c> seals it.
/// </summary>
public static class RunSeal
{
    public static bool IsSealed(RunFolder folder)
    {
        if (!File.Exists(folder.Manifest) || !File.Exists(folder.Journal))
            return false;
        try
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(UntrustedFile.ReadAllBytes(folder.Manifest, ManifestVerifier.MaxManifestBytes), Json.Compact);
            var journal = manifest?.Files?.FirstOrDefault(f => f?.Path == folder.Relative(folder.Journal));
            return journal is not null && ManifestWriter.Hash(folder, journal.Path) == journal;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return false;
        }
    }
}
