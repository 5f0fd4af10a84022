using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Suit;
using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Inspection;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>Prints what <c>certify suit inspect</c> found. The notation is escaped by its printer; paths and messages here.</summary>
public static class SuitInspectOutput
{
    public static void WriteText(TextWriter output, string file, int length, SuitInspection inspection)
    {
        output.WriteLine($"{Safe(file)}: SUIT envelope, {length} bytes ({SuitDraft.Name})");
        if (inspection.Diagnostic is { } diagnostic)
            output.WriteLine(diagnostic);
        foreach (var digest in inspection.Digests)
            output.WriteLine($"digest of {digest.Name}: {digest.Expected.AlgorithmName} {Describe(digest.Status)} (manifest says {Convert.ToHexStringLower(digest.Expected.Bytes)})");
        if (inspection.Envelope is { } envelope && !inspection.KeyGiven)
            output.WriteLine($"signature: not checked ({envelope.Authentication.Blocks.Count} authentication block(s); give --key PEM)");
        foreach (var signature in inspection.Signatures)
            output.WriteLine($"signature {signature.Block}: {signature.Kind} {signature.AlgorithmName}: {Safe(signature.Reason)}");
        if (inspection.Valid)
            output.WriteLine(inspection.KeyGiven
                ? $"{Safe(file)}: VALID (well formed, digests match, signature verified)"
                : $"{Safe(file)}: well formed, digests match; signature NOT checked (no --key)");
        else
            output.WriteLine($"{Safe(file)}: INVALID: {Safe(string.Join("; ", inspection.Problems), 600)}");
    }

    public static void WriteJson(TextWriter output, string file, int length, SuitInspection inspection)
    {
        var report = new JsonObject
        {
            ["file"] = file,
            ["bytes"] = length,
            ["draft"] = SuitDraft.Name,
            ["valid"] = inspection.Valid,
            ["signatureChecked"] = inspection.KeyGiven,
            ["problems"] = new JsonArray(inspection.Problems.Select(p => (JsonNode?)p).ToArray()),
        };
        if (inspection.FormatError is { } error)
            report["formatError"] = new JsonObject { ["offset"] = error.Offset, ["path"] = error.Path, ["message"] = error.Problem };
        if (inspection.Envelope is { } envelope)
        {
            report["manifest"] = new JsonObject
            {
                ["sequenceNumber"] = envelope.Manifest.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["components"] = new JsonArray(envelope.Manifest.Common.Components
                    .Select(c => (JsonNode?)new JsonArray(c.Select(part => (JsonNode?)Convert.ToHexStringLower(part)).ToArray())).ToArray()),
                ["referenceUri"] = envelope.Manifest.ReferenceUri,
                ["members"] = new JsonArray(envelope.Manifest.Members.Select(m => (JsonNode?)(m.IsSevered ? m.Name + " (severed)" : m.Name)).ToArray()),
            };
            report["diagnostic"] = inspection.Diagnostic;
        }
        report["digests"] = new JsonArray(inspection.Digests.Select(d => (JsonNode?)new JsonObject
        {
            ["element"] = d.Name,
            ["algorithm"] = d.Expected.AlgorithmName,
            ["expected"] = Convert.ToHexStringLower(d.Expected.Bytes),
            ["actual"] = d.Actual is null ? null : Convert.ToHexStringLower(d.Actual),
            ["status"] = d.Status.ToString().ToLowerInvariant(),
        }).ToArray());
        report["signatures"] = new JsonArray(inspection.Signatures.Select(s => (JsonNode?)new JsonObject
        {
            ["block"] = s.Block,
            ["kind"] = s.Kind,
            ["algorithm"] = s.AlgorithmName,
            ["verified"] = s.Verified,
            ["reason"] = s.Reason,
        }).ToArray());
        output.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Describe(DigestStatus status) => status switch
    {
        DigestStatus.Match => "matches",
        DigestStatus.Mismatch => "DOES NOT MATCH",
        DigestStatus.Absent => "not checked: the element is severed and not in the envelope",
        _ => "NOT SUPPORTED",
    };

    private static string Safe(string text, int limit = 300) => DeviceText.ForTerminal(text, limit);
}
