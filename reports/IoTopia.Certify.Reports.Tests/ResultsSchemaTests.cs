using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Reports.Tests.Samples;
using Json.Schema;

namespace IoTopia.Certify.Reports.Tests;

/// <summary>
/// The reports are tested on the results the harness writes: every sample satisfies the committed schema
/// (harness/schemas/results.schema.json, which the harness tests hold every real run to), and the schema refuses
/// what the harness no longer writes (a rig-kind option as an engine field).
/// </summary>
[TestFixture]
public sealed class ResultsSchemaTests
{
    private static readonly string SchemaFile = Path.Combine(AppContext.BaseDirectory, "schemas", "results.schema.json");
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(SchemaFile));

    [Test]
    public void TheTypicalSampleSatisfiesTheCommittedSchema()
    {
        using var folder = new TempRunFolder();
        Assert.That(Problems(SampleRun.WriteTypical(folder.Path)), Is.Empty);
    }

    [Test]
    public void TheHostileSampleBreaksTheSchemaOnlyWithTheEvidencePathsItTampers()
    {
        using var folder = new TempRunFolder();
        var results = SampleRun.WriteHostile(folder.Path);
        Assert.That(Problems(results), Is.Not.Empty, "its tampered evidence paths are not relative paths inside the run");
        foreach (var evidence in results["scenarios"]!.AsArray().SelectMany(s => s!["attempts"]!.AsArray())
                     .SelectMany(a => a!["steps"]!.AsArray()).SelectMany(s => s!["evidence"]!.AsArray()))
            evidence!["path"] = "evidence/sample/attempt-1/01-step.txt";
        Assert.That(Problems(results), Is.Empty, "hostile text is still schema-valid text");
    }

    [TestCase("slot", "3")]
    [TestCase("personality", "\"open-telnet\"")]
    public void ARigOptionIsNotAnEngineField(string option, string json)
    {
        using var folder = new TempRunFolder();
        var results = SampleRun.WriteTypical(folder.Path);
        results["run"]![option] = JsonNode.Parse(json);
        Assert.That(Problems(results), Has.Some.StartWith($"/run/{option}:"), "rig-kind options belong under run.rig.options");
    }

    [Test]
    public void ARigOptionHasAScalarValue()
    {
        using var folder = new TempRunFolder();
        var results = SampleRun.WriteTypical(folder.Path);
        results["run"]!["rig"]!["options"]!["slot"] = "three";
        Assert.That(Problems(results), Has.Some.StartWith("/run/rig/options/slot:"));
    }

    private static List<string> Problems(JsonObject results)
    {
        var element = JsonSerializer.SerializeToElement(results);
        var evaluation = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return evaluation.IsValid
            ? []
            : (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
    }
}
