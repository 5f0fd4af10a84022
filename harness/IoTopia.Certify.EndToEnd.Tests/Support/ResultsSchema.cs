using System.Text.Json;
using Json.Schema;

namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>Validates results.json files against the committed schema, harness/schemas/results.schema.json.</summary>
public static class ResultsSchema
{
    public static string Path { get; } = RepoRoot.Combine("harness", "schemas", "results.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path));

    public static void AssertValid(string resultsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(resultsJson));
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
            return;
        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Take(20);
        Assert.Fail($"{resultsJson} does not validate against {Path}:\n{string.Join("\n", problems)}");
    }
}
