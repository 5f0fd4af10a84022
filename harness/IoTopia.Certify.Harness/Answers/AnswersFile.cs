using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Answers;

/// <summary>
/// The operator's answers given ahead of a run (<c>certify run --answers FILE</c>): by scenario id, then by the
/// question's key. Read by <see cref="AnswersLoader"/>; checked against the suite by <see cref="AnswersCheck"/>.
/// </summary>
public sealed class AnswersFile(string file, IReadOnlyDictionary<string, IReadOnlyDictionary<string, FileAnswer>> byScenario,
    IReadOnlyDictionary<string, SourceLocation> scenarioLocations, IReadOnlyList<SecretValue> secrets)
{
    public string File { get; } = file;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FileAnswer>> ByScenario { get; } = byScenario;

    /// <summary>Where each scenario's answers start (for errors about the scenario as a whole).</summary>
    public IReadOnlyDictionary<string, SourceLocation> ScenarioLocations { get; } = scenarioLocations;

    /// <summary>The answers that are secret: masked in the run's record like the rig file's secrets.</summary>
    public IReadOnlyList<SecretValue> Secrets { get; } = secrets;

    public FileAnswer? Find(string scenarioId, string key) =>
        ByScenario.GetValueOrDefault(scenarioId)?.GetValueOrDefault(key);
}
