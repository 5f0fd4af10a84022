using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Signature;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>Prints the outcome of <c>certify mud validate</c>. Everything that came from a file or a certificate is escaped for the terminal.</summary>
public static class MudValidateOutput
{
    public static void WriteText(TextWriter output, IReadOnlyList<MudValidationResult> results, MudValidateRequest request, MudSignatureReport? signature)
    {
        foreach (var result in results)
        {
            foreach (var p in result.Problems)
                output.WriteLine($"{Safe(p.File)}:{p.Line}: {p.SeverityName} {p.Rule}: {Safe(p.Message, 600)} at {Safe(p.Path)}");
            foreach (var fact in result.Facts)
                output.WriteLine($"{Safe(result.File)}: fact {fact.Name}: {Safe(fact.Value, 600)}");
            output.WriteLine(result.IsValid
                ? $"{Safe(result.File)}: valid ({Plural(result.WarningCount, "warning")})"
                : $"{Safe(result.File)}: INVALID ({Plural(result.ErrorCount, "error")}, {Plural(result.WarningCount, "warning")})");
        }
        if (signature is null)
            return;
        output.WriteLine($"signature {Safe(request.Signature!)}: {(signature.Valid ? "valid" : "INVALID")}");
        if (signature.Signer is { } signer)
            output.WriteLine($"  signer: {Safe(signer)}");
        if (signature.Chain.Count > 0)
            output.WriteLine($"  chain: {Safe(string.Join(" <- ", signature.Chain), 600)}");
        output.WriteLine($"  time validity: {Safe(signature.TimeValidity, 600)}");
        foreach (var failure in signature.Failures)
            output.WriteLine($"  failure: {Safe(failure, 600)}");
        foreach (var note in signature.Notes)
            output.WriteLine($"  note: {Safe(note, 600)}");
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<MudValidationResult> results, MudValidateRequest request, MudSignatureReport? signature)
    {
        var report = new JsonObject
        {
            ["valid"] = results.All(r => r.IsValid) && signature is not { Valid: false },
            ["files"] = new JsonArray(results.Select(File).ToArray<JsonNode?>()),
        };
        if (signature is not null)
            report["signature"] = Signature(signature, request);
        output.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject File(MudValidationResult result) => new()
    {
        ["file"] = result.File,
        ["valid"] = result.IsValid,
        ["errors"] = result.ErrorCount,
        ["warnings"] = result.WarningCount,
        ["problems"] = new JsonArray(result.Problems.Select(p => (JsonNode?)new JsonObject
        {
            ["severity"] = p.SeverityName,
            ["rule"] = p.Rule,
            ["line"] = p.Line,
            ["column"] = p.Column,
            ["path"] = p.Path,
            ["message"] = p.Message,
        }).ToArray()),
        ["facts"] = new JsonObject(result.Facts.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Value))),
    };

    private static JsonObject Signature(MudSignatureReport signature, MudValidateRequest request) => new()
    {
        ["file"] = request.Signature,
        ["content"] = request.Files[0],
        ["valid"] = signature.Valid,
        ["signer"] = signature.Signer,
        ["chain"] = new JsonArray(signature.Chain.Select(c => (JsonNode?)c).ToArray()),
        ["timeValidity"] = signature.TimeValidity,
        ["timeWaived"] = signature.TimeWaived,
        ["failures"] = new JsonArray(signature.Failures.Select(f => (JsonNode?)f).ToArray()),
        ["notes"] = new JsonArray(signature.Notes.Select(n => (JsonNode?)n).ToArray()),
    };

    private static string Safe(string text, int limit = 300) => DeviceText.ForTerminal(text, limit);

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
