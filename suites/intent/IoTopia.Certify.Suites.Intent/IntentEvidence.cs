using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>How the intent steps write their evidence: the exact bytes they judged, and JSON reports.</summary>
internal static class IntentEvidence
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<string> JsonAsync(StepContext context, string label, JsonNode report, CancellationToken ct)
    {
        var record = await context.WriteEvidenceAsync("json", label, "application/json", JsonSerializer.SerializeToUtf8Bytes(report, Indented), label, ct);
        return record.Path;
    }

    public static async Task<string> BytesAsync(StepContext context, string label, string extension, string mediaType, byte[] content, CancellationToken ct)
    {
        var record = await context.WriteEvidenceAsync(extension, label, mediaType, content, label, ct);
        return record.Path;
    }
}
