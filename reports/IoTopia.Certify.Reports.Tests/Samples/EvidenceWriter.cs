using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>Writes evidence files as the harness lays them out and returns their records with real SHA-256 and size.</summary>
public sealed class EvidenceWriter(string runFolder)
{
    public JsonObject Write(string scenario, int attempt, int seq, string step, string ext, string content, string kind, string mediaType)
    {
        var relative = $"evidence/{scenario}/attempt-{attempt}/{seq.ToString("000", CultureInfo.InvariantCulture)}-{step}.{ext}";
        return WriteAt(relative, Encoding.UTF8.GetBytes(content), kind, mediaType);
    }

    public JsonObject WriteAt(string relative, byte[] bytes, string kind, string mediaType)
    {
        var full = Path.Combine(runFolder, relative);
        if (Path.GetFullPath(full).StartsWith(Path.GetFullPath(runFolder), StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return new JsonObject
        {
            ["path"] = relative,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["size"] = bytes.LongLength,
            ["kind"] = kind,
            ["mediaType"] = mediaType,
        };
    }
}
